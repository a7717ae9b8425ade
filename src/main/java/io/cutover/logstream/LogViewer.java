package io.cutover.logstream;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One SSE viewer of one run, on its own thread from the viewers' pool. Following a live
 * run it writes the run's shared batches ({@link FanOut}): the same bytes for every
 * viewer, one write per send interval. Behind them (a replay, a reconnect in the middle
 * of a batch, a finished run) it reads on its own, a page at a time, from memory or H2,
 * up to the next batch boundary. It never holds up the run or another viewer, and holds
 * at most one batch itself: a viewer that cannot keep up simply reads further back. After
 * the client goes away it stops without completing the emitter.
 */
final class LogViewer implements Runnable {

    private static final int PAGE = 500;

    private static final MediaType TEXT_UTF8 = new MediaType("text", "plain", java.nio.charset.StandardCharsets.UTF_8);

    private final LogStream stream;

    private final SseEmitter emitter;

    private final long runId;

    private final long heartbeatMillis;

    private final Optional<LiveRun> live;

    private volatile boolean closed;

    private long cursor;

    LogViewer(LogStream stream, SseEmitter emitter, long runId, long afterSeq, long heartbeatMillis) {
        this.stream = stream;
        this.emitter = emitter;
        this.runId = runId;
        this.cursor = afterSeq;
        this.heartbeatMillis = heartbeatMillis;
        // Kept for the viewer's life: the run's batches stay usable after it ends.
        this.live = stream.live(runId);
    }

    void close() {
        closed = true;
    }

    @Override
    public void run() {
        try {
            boolean ended = false;
            while (!closed && !ended) {
                FanOut.Next next = live.isPresent() ? live.get().fanOut().next(cursor, System.nanoTime())
                        : new FanOut.CatchUp(Long.MAX_VALUE);
                if (next instanceof FanOut.Send send) {
                    ended = send(send.batch());
                }
                else if (next instanceof FanOut.CatchUp catchUp) {
                    ended = catchUp(catchUp.upTo());
                }
                else if (next instanceof FanOut.Wait wait) {
                    live.get().pace(wait.nanos());
                }
                else if (next instanceof FanOut.Building) {
                    live.get().fanOut().awaitBuilt();
                }
                else if (!waitForMore()) {
                    emitter.send(SseEmitter.event().comment("keep-alive"));
                }
            }
            if (ended) {
                emitter.complete();
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
     * One page of the events after the cursor, encoded for this viewer alone.
     * @return whether the run's end was sent
     */
    private boolean catchUp(long upTo) throws IOException, InterruptedException {
        List<Frame> page = stream.frames(runId, cursor, (int) Math.min(PAGE, upTo - cursor));
        if (page.isEmpty()) {
            if (!waitForMore()) {
                emitter.send(SseEmitter.event().comment("keep-alive"));
            }
            return false;
        }
        return send(SseBatch.of(cursor, page));
    }

    /** A whole batch in one write and one flush; @return whether it ends the run. */
    private boolean send(SseBatch batch) throws IOException {
        emitter.send(Set.of(new DataWithMediaType(batch.bytes(), TEXT_UTF8)));
        cursor = batch.last();
        return batch.ends();
    }

    /**
     * @return false when the heartbeat interval passed without a new event
     */
    private boolean waitForMore() throws InterruptedException {
        if (live.isPresent() && !live.get().endedAndStored()) {
            return live.get().awaitAfter(cursor, heartbeatMillis);
        }
        // Not live: a finished run ends with END, which the next read returns; a run
        // whose panel died mid-way has no END until restart recovery writes one, so keep
        // polling slowly.
        Thread.sleep(Math.min(heartbeatMillis, 1000));
        return !stream.read(runId, cursor, 1).isEmpty();
    }

}
