package io.cutover.logstream;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The in-memory side of one active run: events not yet stored, plus the most recent
 * stored ones, so viewers can follow the tail without touching H2. Events leave memory
 * only once they are stored, which is what lets a viewer that falls behind continue from
 * the store without a gap.
 *
 * <p>
 * The one writer appends without ever waiting for a viewer: events go into fixed-size
 * chunks indexed by sequence number and become visible through a volatile counter;
 * viewers read without a lock and park until the writer unparks them.
 */
final class LiveRun {

    private static final int CHUNK = 4096;

    private final long runId;

    private final int keepStored;

    private final long keepBytes;

    private final Clock clock;

    /**
     * Approximate heap held by each chunk's frames, so long lines cannot make the kept
     * tail unbounded.
     */
    private final ConcurrentHashMap<Long, Long> chunkBytes = new ConcurrentHashMap<>();

    private final AtomicLong bytes = new AtomicLong();

    private final ConcurrentHashMap<Long, AtomicReferenceArray<Frame>> chunks = new ConcurrentHashMap<>();

    private final WaitingThreads waiting = new WaitingThreads();

    /** Viewers pacing themselves until the next batch, woken early only by the end. */
    private final WaitingThreads pacing = new WaitingThreads();

    private final Object writeLock = new Object();

    private final Object storedLock = new Object();

    private volatile long lastSeq;

    private volatile long storedSeq;

    private volatile boolean ended;

    private long firstKeptChunk;

    private final FanOut fanOut;

    /**
     * With the default fan-out: batches every 50 ms, at most 2,000 events, 16 MB kept.
     */
    LiveRun(long runId, long lastStoredSeq, int keepStored, long keepBytes, Clock clock) {
        this(runId, lastStoredSeq, keepStored, keepBytes, clock, 50_000_000L, 2000, 16L << 20);
    }

    LiveRun(long runId, long lastStoredSeq, int keepStored, long keepBytes, Clock clock, long batchIntervalNanos,
            int batchMaxEvents, long sharedBytes) {
        this.fanOut = new FanOut(this::after, this::lastSeq, this::ended, lastStoredSeq, batchIntervalNanos,
                batchMaxEvents, sharedBytes);
        this.runId = runId;
        this.lastSeq = lastStoredSeq;
        this.storedSeq = lastStoredSeq;
        this.keepStored = keepStored;
        this.keepBytes = keepBytes;
        this.clock = clock;
        this.firstKeptChunk = (lastStoredSeq + 1) / CHUNK;
    }

    long lastSeq() {
        return lastSeq;
    }

    /**
     * Appends one event; null once the run has ended (output that arrives after the end
     * is not the run's).
     */
    Frame append(Channel channel, String text) {
        Frame frame;
        synchronized (writeLock) {
            if (ended) {
                return null;
            }
            long seq = lastSeq + 1;
            frame = Frame.of(new LogEvent(runId, seq, clock.instant(), channel, text));
            chunks.computeIfAbsent(seq / CHUNK, k -> new AtomicReferenceArray<>(CHUNK)).set((int) (seq % CHUNK), frame);
            long size = frame.heapBytes();
            chunkBytes.merge(seq / CHUNK, size, Long::sum);
            bytes.addAndGet(size);
            ended = channel == Channel.END;
            lastSeq = seq;
        }
        waiting.wakeAll();
        if (channel == Channel.END) {
            pacing.wakeAll();
        }
        return frame;
    }

    /**
     * Frames after {@code cursor}, at most {@code max}; an empty list when there are none
     * yet, or null when the cursor is older than what memory holds and the caller must
     * read the store.
     */
    List<Frame> after(long cursor, int max) {
        long last = lastSeq;
        if (cursor >= last) {
            return List.of();
        }
        List<Frame> out = new ArrayList<>((int) Math.min(max, last - cursor));
        for (long seq = cursor + 1; seq <= last && out.size() < max; seq++) {
            AtomicReferenceArray<Frame> chunk = chunks.get(seq / CHUNK);
            Frame frame = chunk == null ? null : chunk.get((int) (seq % CHUNK));
            if (frame == null) {
                return out.isEmpty() ? null : out;
            }
            out.add(frame);
        }
        return out;
    }

    boolean ended() {
        return ended;
    }

    /**
     * Waits {@code nanos} for the next batch to fall due, or less if the run ends
     * meanwhile: its end is sent at once.
     */
    void pace(long nanos) throws InterruptedException {
        pacing.park(this, nanos, () -> !ended);
    }

    /** Waits until an event after {@code cursor} exists; false if the wait timed out. */
    boolean awaitAfter(long cursor, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (lastSeq <= cursor) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            waiting.park(this, left, () -> lastSeq <= cursor);
        }
        return true;
    }

    /**
     * Marks events up to {@code upToSeq} as stored and lets go of chunks no viewer needs
     * from memory: beyond the newest {@code keepStored} events, or while the kept ones
     * take more than {@code keepBytes}. Only chunks wholly in the store go, so a viewer
     * can always continue there.
     */
    void stored(long upToSeq) {
        synchronized (storedLock) {
            storedSeq = Math.max(storedSeq, upToSeq);
            long keepFrom = Math.max(0, Math.min(storedSeq, lastSeq - keepStored)) / CHUNK;
            long whollyStored = (storedSeq + 1) / CHUNK;
            while (firstKeptChunk < keepFrom || (bytes.get() > keepBytes && firstKeptChunk < whollyStored)) {
                chunks.remove(firstKeptChunk);
                Long freed = chunkBytes.remove(firstKeptChunk++);
                bytes.addAndGet(freed == null ? 0 : -freed);
            }
            storedLock.notifyAll();
        }
    }

    boolean endedAndStored() {
        return ended && storedSeq >= lastSeq;
    }

    /** Waits until every appended event is in the store. */
    void awaitStored(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        synchronized (storedLock) {
            while (storedSeq < lastSeq) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw new IllegalStateException("Log of run " + runId + " not stored after " + millis + " ms");
                }
                storedLock.wait(left);
            }
        }
    }

    long runId() {
        return runId;
    }

    /** The batches shared by this run's viewers. */
    FanOut fanOut() {
        return fanOut;
    }

}
