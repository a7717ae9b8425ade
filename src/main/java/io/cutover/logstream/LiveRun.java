package io.cutover.logstream;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The in-memory side of one active run: events not yet stored, plus the most recent stored ones,
 * so a viewer can follow the tail without touching H2. Events leave the deque only once they are
 * stored, which is what lets a viewer that falls behind continue from the store without a gap.
 */
final class LiveRun {

    private final long runId;
    private final int keepStored;
    private final Clock clock;
    private final Deque<LogEvent> recent = new ArrayDeque<>();
    private long lastSeq;
    private long storedSeq;
    private boolean ended;

    LiveRun(long runId, long lastStoredSeq, int keepStored, Clock clock) {
        this.runId = runId;
        this.lastSeq = lastStoredSeq;
        this.storedSeq = lastStoredSeq;
        this.keepStored = keepStored;
        this.clock = clock;
    }

    synchronized LogEvent append(Channel channel, String text) {
        if (ended) {
            throw new IllegalStateException("Run " + runId + " has ended; its log is closed");
        }
        LogEvent event = new LogEvent(runId, ++lastSeq, clock.instant(), channel, text);
        recent.addLast(event);
        ended = channel == Channel.END;
        notifyAll();
        return event;
    }

    /**
     * Events after {@code cursor}, at most {@code max}; an empty list when there are none yet, or
     * null when the cursor is older than the deque and the caller must read the store.
     */
    synchronized List<LogEvent> after(long cursor, int max) {
        if (cursor >= lastSeq) {
            return List.of();
        }
        if (recent.isEmpty() || recent.getFirst().seq() > cursor + 1) {
            return null;
        }
        List<LogEvent> out = new ArrayList<>(Math.min(max, (int) (lastSeq - cursor)));
        for (LogEvent e : recent) {
            if (e.seq() > cursor) {
                out.add(e);
                if (out.size() == max) {
                    break;
                }
            }
        }
        return out;
    }

    /** Waits until an event after {@code cursor} exists; false if the wait timed out. */
    synchronized boolean awaitAfter(long cursor, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (lastSeq <= cursor) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    synchronized void stored(long upToSeq) {
        storedSeq = Math.max(storedSeq, upToSeq);
        while (recent.size() > keepStored && recent.getFirst().seq() <= storedSeq) {
            recent.removeFirst();
        }
        notifyAll();
    }

    synchronized boolean fullyStored() {
        return storedSeq >= lastSeq;
    }

    synchronized boolean endedAndStored() {
        return ended && storedSeq >= lastSeq;
    }

    /** Waits until every appended event is in the store. */
    synchronized void awaitStored(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (storedSeq < lastSeq) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new IllegalStateException("Log of run " + runId + " not stored after " + millis + " ms");
            }
            wait(left);
        }
    }

    long runId() {
        return runId;
    }
}
