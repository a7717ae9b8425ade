package io.cutover.logstream;

import io.cutover.runbook.TroubleshootingHint;
import io.cutover.secrets.SecretRedactor;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;

/**
 * The log stream's facade. Writers append to a live run (never blocking on H2 or
 * viewers); one writer thread stores events in batches; readers get events after a
 * sequence number from memory when they follow the tail and from H2 when they are behind
 * or the run is over.
 */
@Service
public class LogStream implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LogStream.class);

    /** Most events in one shared batch (a viewer that was away gets several). */
    private static final int SHARED_BATCH_EVENTS = 2000;

    private final LogStore store;

    private final LogStreamProperties properties;

    private final Clock clock;

    private final Map<Long, LiveRun> live = new ConcurrentHashMap<>();

    // Unbounded on purpose: a child process must never wait for the database.
    private final LinkedBlockingQueue<Pending> pending = new LinkedBlockingQueue<>();

    private volatile boolean running;

    private Thread writer;

    LogStream(LogStore store, LogStreamProperties properties, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Opens a run's log for writing; continues its sequence if it already has events (a
     * run interrupted by a restart gets its closing lines appended).
     */
    public RunLog open(long runId, SecretRedactor redactor, List<TroubleshootingHint> hints) {
        LiveRun run = live.computeIfAbsent(runId,
                id -> new LiveRun(id, store.lastSeq(id), properties.keepRecent(),
                        properties.keepRecentBytes().toBytes(), clock, properties.sendInterval().toNanos(),
                        SHARED_BATCH_EVENTS, properties.fanOutBytes().toBytes()));
        return new OpenRunLog(run, redactor, hints, properties.maxLineLength(), this::enqueue);
    }

    /**
     * Events after {@code afterSeq}, oldest first, from memory if possible, else from H2.
     */
    public List<LogEvent> read(long runId, long afterSeq, int limit) {
        LiveRun run = live.get(runId);
        List<Frame> recent = run == null ? null : run.after(afterSeq, limit);
        if (recent != null) {
            return recent.stream().map(Frame::event).toList();
        }
        // Not as frames: a download of the whole log needs no SSE encoding of each line.
        return store.after(runId, afterSeq, limit);
    }

    /**
     * Like {@link #read}, with each event's SSE text, for a viewer: a progress event that
     * a later one in the same batch supersedes is left out, so a viewer who joins late
     * gets the newest value, not the whole history of the bar.
     */
    List<Frame> frames(long runId, long afterSeq, int limit) {
        return latestProgressOnly(allFrames(runId, afterSeq, limit));
    }

    static List<Frame> latestProgressOnly(List<Frame> frames) {
        int last = -1;
        for (int i = frames.size() - 1; i >= 0 && last < 0; i--) {
            last = frames.get(i).event().channel() == Channel.PROGRESS ? i : -1;
        }
        if (last < 0) {
            return frames;
        }
        List<Frame> kept = new ArrayList<>(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            if (i == last || frames.get(i).event().channel() != Channel.PROGRESS) {
                kept.add(frames.get(i));
            }
        }
        return kept;
    }

    private List<Frame> allFrames(long runId, long afterSeq, int limit) {
        LiveRun run = live.get(runId);
        if (run != null) {
            List<Frame> recent = run.after(afterSeq, limit);
            if (recent != null) {
                return recent;
            }
        }
        return store.after(runId, afterSeq, limit).stream().map(Frame::of).toList();
    }

    /**
     * The run's last {@code limit} log lines (stdout, stderr and the panel's own), oldest
     * first: a step card's tail.
     */
    public List<LogEvent> tailLines(long runId, int limit) {
        LiveRun run = live.get(runId);
        long last = run != null ? run.lastSeq() : store.lastSeq(runId);
        // Status and end events sit between the lines: read a little more than asked and
        // keep the lines.
        List<LogEvent> events = read(runId, Math.max(0, last - limit - 8), limit + 8);
        List<LogEvent> lines = events.stream()
            .filter(e -> e.channel() == Channel.OUT || e.channel() == Channel.ERR || e.channel() == Channel.SYS)
            .toList();
        return lines.subList(Math.max(0, lines.size() - limit), lines.size());
    }

    /** Whether the run has any event at all (every run logs its queued status first). */
    public boolean exists(long runId) {
        return live.containsKey(runId) || store.lastSeq(runId) > 0;
    }

    public List<HintMatch> hints(long runId) {
        return store.hints(runId);
    }

    /** Blocks until every event written so far for the run is in H2. */
    public void awaitStored(long runId, Duration timeout) {
        LiveRun run = live.get(runId);
        if (run != null) {
            try {
                run.awaitStored(timeout.toMillis());
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    Optional<LiveRun> live(long runId) {
        return Optional.ofNullable(live.get(runId));
    }

    private void enqueue(LiveRun run, LogEvent event, String hintId) {
        pending.add(new Pending(run, event, hintId));
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(properties.batchSize());
        while (running || !pending.isEmpty()) {
            try {
                Pending first = running ? pending.poll(properties.flushInterval().toMillis(), TimeUnit.MILLISECONDS)
                        : pending.poll();
                if (first != null) {
                    batch.add(first);
                    gather(batch, System.nanoTime() + properties.flushInterval().toNanos());
                }
                if (!batch.isEmpty()) {
                    storeWithRetry(batch);
                    batch.clear();
                }
            }
            catch (InterruptedException e) {
                // stop(): what is pending (and an unstored batch) is stored without
                // waiting any more.
            }
        }
    }

    /**
     * Fills the batch until it is full, the deadline passes or a run's end is in it. A
     * batch of whatever happened to be queued meant many small transactions, and each
     * commit allocates in every map H2 has (28 % of the panel's allocation at 10,000
     * lines/s). A run's end is stored at once, since whoever awaits the stored log waits
     * for it.
     */
    private void gather(List<Pending> batch, long deadlineNanos) {
        int max = properties.batchSize();
        boolean ends = endsARun(batch, 0);
        while (batch.size() < max && !ends) {
            int from = batch.size();
            if (pending.drainTo(batch, max - from) == 0) {
                long left = deadlineNanos - System.nanoTime();
                Pending next = left > 0 && running ? poll(left) : null;
                if (next == null) {
                    return;
                }
                batch.add(next);
            }
            ends = endsARun(batch, from);
        }
    }

    private Pending poll(long nanos) {
        try {
            return pending.poll(nanos, TimeUnit.NANOSECONDS);
        }
        catch (InterruptedException e) {
            // stop(): store what the batch holds now.
            return null;
        }
    }

    private static boolean endsARun(List<Pending> batch, int from) {
        for (int i = from; i < batch.size(); i++) {
            if (batch.get(i).event().channel() == Channel.END) {
                return true;
            }
        }
        return false;
    }

    /**
     * Never drops a line: a failing write is retried until it succeeds or the panel
     * stops.
     */
    private void storeWithRetry(List<Pending> batch) throws InterruptedException {
        List<LogEvent> events = batch.stream().map(Pending::event).toList();
        for (int attempt = 1;; attempt++) {
            try {
                store.insert(events);
                break;
            }
            catch (RuntimeException e) {
                log.error("Storing {} log events failed (attempt {}), retrying", events.size(), attempt, e);
                Thread.sleep(Math.min(5000, 100L * attempt));
            }
        }
        Map<LiveRun, Long> stored = new HashMap<>();
        for (Pending p : batch) {
            stored.merge(p.run(), p.event().seq(), Math::max);
            if (p.hintId() != null) {
                store.insertHint(p.event().runId(), p.hintId(), p.event().seq());
            }
        }
        stored.forEach((run, seq) -> {
            run.stored(seq);
            if (run.endedAndStored()) {
                live.remove(run.runId(), run);
            }
        });
    }

    @Override
    public void start() {
        running = true;
        writer = new Thread(this::writeLoop, "log-writer");
        writer.setDaemon(false);
        writer.start();
    }

    @Override
    public void stop() {
        running = false;
        if (writer != null) {
            writer.interrupt();
            try {
                writer.join(Duration.ofSeconds(30).toMillis());
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the components that write logs (runs) and before the database. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 100;
    }

    record Pending(LiveRun run, LogEvent event, String hintId) {
    }

}
