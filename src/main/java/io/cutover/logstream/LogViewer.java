package io.cutover.logstream;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One SSE viewer of one run, on its own thread from the viewers' pool: it sends
 * everything after its cursor (replayed from H2 when it is behind, from memory when it
 * follows the tail) and waits for more. It never holds up the run or another viewer: a
 * viewer that cannot keep up simply reads further back. After the client goes away it
 * stops without completing the emitter.
 */
final class LogViewer implements Runnable {

    private static final int BATCH = 500;

    private static final MediaType TEXT_UTF8 = new MediaType("text", "plain", java.nio.charset.StandardCharsets.UTF_8);

    private final LogStream stream;

    private final SseEmitter emitter;

    private final long runId;

    private final long heartbeatMillis;

    private final long sendIntervalNanos;

    private volatile boolean closed;

    private long cursor;

    private long lastSentAt;

    private boolean atTail;

    LogViewer(LogStream stream, SseEmitter emitter, long runId, long afterSeq, long heartbeatMillis,
            long sendIntervalMillis) {
        this.stream = stream;
        this.emitter = emitter;
        this.runId = runId;
        this.cursor = afterSeq;
        this.heartbeatMillis = heartbeatMillis;
        this.sendIntervalNanos = sendIntervalMillis * 1_000_000;
    }

    void close() {
        closed = true;
    }

    @Override
    public void run() {
        try {
            while (!closed) {
                paceAtTail();
                List<Frame> batch = stream.frames(runId, cursor, BATCH);
                if (!batch.isEmpty()) {
                    send(batch);
                    lastSentAt = System.nanoTime();
                    atTail = batch.size() < BATCH;
                    LogEvent last = batch.get(batch.size() - 1).event();
                    cursor = last.seq();
                    if (last.channel() == Channel.END) {
                        emitter.complete();
                        return;
                    }
                }
                else if (!waitForMore()) {
                    emitter.send(SseEmitter.event().comment("keep-alive"));
                }
            }
        }
        catch (IOException | IllegalStateException e) {
            // The client went away or the emitter timed out: per Spring's contract, do
            // not complete.
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Following a busy run's tail, a viewer would wake and write for nearly every line:
     * at 10,000 lines/s and 200 viewers that is two million small writes a second, and
     * the CPU they take is CPU the run's output reader lacks. Waiting out the send
     * interval gathers the lines into one write instead. A viewer that is behind (full
     * batches, a replay) never waits.
     */
    private void paceAtTail() throws InterruptedException {
        if (atTail && sendIntervalNanos > 0) {
            long wait = lastSentAt + sendIntervalNanos - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
    }

    /**
     * @return false when the heartbeat interval passed without a new event
     */
    private boolean waitForMore() throws InterruptedException {
        var live = stream.live(runId);
        if (live.isPresent()) {
            return live.get().awaitAfter(cursor, heartbeatMillis);
        }
        // Not live: a finished run ends with END, which the next read returns; a run
        // whose panel
        // died mid-way has no END until restart recovery writes one, so keep polling
        // slowly.
        Thread.sleep(Math.min(heartbeatMillis, 1000));
        return !stream.read(runId, cursor, 1).isEmpty();
    }

    /** A whole batch of pre-formatted events in one write and one flush. */
    private void send(List<Frame> batch) throws IOException {
        StringBuilder text = new StringBuilder(batch.size() * 128);
        batch.forEach(f -> text.append(f.sse()));
        emitter.send(Set.of(new DataWithMediaType(text.toString(), TEXT_UTF8)));
    }

}
