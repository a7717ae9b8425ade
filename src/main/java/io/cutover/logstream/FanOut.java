package io.cutover.logstream;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The batches one live run sends to its viewers, encoded once and shared. Viewers that
 * follow the tail ask for the batch after their cursor: the first to ask once the send
 * interval has passed builds it from the frames in memory, the others get the same bytes.
 * The newest batches are kept, up to a byte cap, so a viewer a few seconds behind (or one
 * that connects late) catches up on shared bytes too; one further behind than that reads
 * on its own from memory or the store up to the next batch boundary, and then joins.
 * Nothing here grows with the number of viewers or with how far one lags: a viewer holds
 * at most the one batch it is writing. The run's end is not paced: once it is written,
 * the batch that holds it is due at once, so viewers learn the outcome without waiting
 * out the interval.
 */
final class FanOut {

    /** What a viewer at a cursor does next. */
    sealed interface Next permits Send, CatchUp, Wait, Building, Idle {

    }

    /** Write this shared batch; the cursor moves to its last event. */
    record Send(SseBatch batch) implements Next {
    }

    /**
     * Read the events after the cursor on your own, up to and including {@code upTo} (a
     * batch boundary), then ask again.
     */
    record CatchUp(long upTo) implements Next {
    }

    /** The next batch is due in {@code nanos}: gather more lines, then ask again. */
    record Wait(long nanos) implements Next {
    }

    /**
     * Another viewer is building the batch, most likely the one this viewer wants: wait
     * for it ({@link #awaitBuilt}), then ask again.
     */
    record Building() implements Next {
    }

    /** Nothing after the cursor yet. */
    record Idle() implements Next {
    }

    interface Frames {

        /** As {@link LiveRun#after}: null when memory no longer holds them. */
        List<Frame> after(long cursor, int max);

    }

    /** Longest a viewer waits for a batch another one builds before it looks again. */
    static final long BUILD_WAIT_NANOS = 5_000_000;

    private final ReentrantLock lock = new ReentrantLock();

    /** Viewers waiting for the batch being built; woken when it is done. */
    private final WaitingThreads awaitingBuild = new WaitingThreads();

    private final Frames frames;

    private final LongSupplier lastSeq;

    private final BooleanSupplier ended;

    private final long intervalNanos;

    private final int maxEvents;

    private final long capBytes;

    /**
     * Batches by the sequence number just before them; contiguous, the newest last. Read
     * without the lock (the common case: a viewer takes a batch another one built);
     * changed only under it.
     */
    private final ConcurrentSkipListMap<Long, SseBatch> ring = new ConcurrentSkipListMap<>();

    private long bytes;

    private volatile long flushedUpTo;

    private volatile long lastFlushNanos;

    private volatile boolean flushed;

    FanOut(Frames frames, LongSupplier lastSeq, BooleanSupplier ended, long startSeq, long intervalNanos, int maxEvents,
            long capBytes) {
        this.frames = frames;
        this.lastSeq = lastSeq;
        this.ended = ended;
        this.flushedUpTo = startSeq;
        this.intervalNanos = intervalNanos;
        this.maxEvents = maxEvents;
        this.capBytes = capBytes;
    }

    Next next(long cursor, long nowNanos) {
        SseBatch kept = ring.get(cursor);
        if (kept != null) {
            return new Send(kept);
        }
        if (cursor == flushedUpTo) {
            long pending = lastSeq.getAsLong() - cursor;
            long due = dueIn(Math.max(pending, 1), nowNanos);
            if (due > 0) {
                // Also with nothing pending yet: a viewer just sent a batch paces itself
                // until the next is due rather than wake for every line in between.
                return new Wait(due);
            }
            if (pending <= 0) {
                return new Idle();
            }
        }
        // Only building takes the lock, and a viewer that finds it taken does not queue
        // on it: two hundred threads blocked on one lock are handed it one by one, each
        // waiting to be scheduled. Nor does it poll (a profile showed the viewers
        // spinning on the ring): it parks until the builder is done.
        if (!lock.tryLock()) {
            return new Building();
        }
        try {
            return nextLocked(cursor, nowNanos);
        }
        finally {
            lock.unlock();
            awaitingBuild.wakeAll();
        }
    }

    /** After {@link Building}: parks until the batch being built is done. */
    void awaitBuilt() throws InterruptedException {
        awaitingBuild.park(this, BUILD_WAIT_NANOS, lock::isLocked);
    }

    private Next nextLocked(long cursor, long nowNanos) {
        SseBatch kept = ring.get(cursor);
        if (kept != null) {
            return new Send(kept);
        }
        Map.Entry<Long, SseBatch> holding = ring.floorEntry(cursor);
        if (!ring.isEmpty() && holding == null) {
            return new CatchUp(ring.firstKey());
        }
        if (holding != null && cursor < holding.getValue().last()) {
            return new CatchUp(holding.getValue().last());
        }
        if (cursor < flushedUpTo) {
            return new CatchUp(flushedUpTo);
        }
        if (cursor > flushedUpTo) {
            // A cursor the batches have not reached (a reconnect from before a restart):
            // start them over from there.
            restartAt(cursor);
        }
        return flush(cursor, nowNanos);
    }

    /** Builds the next batch for a viewer at the tail, once it is due. */
    private Next flush(long cursor, long nowNanos) {
        long last = lastSeq.getAsLong();
        if (last <= cursor) {
            return new Idle();
        }
        long due = dueIn(last - cursor, nowNanos);
        if (due > 0) {
            return new Wait(due);
        }
        List<Frame> pending = frames.after(cursor, maxEvents);
        if (pending == null || pending.isEmpty()) {
            // Nobody followed the tail for so long that its frames left memory: start
            // the batches at the tail, and let this viewer catch up to it on its own.
            restartAt(last);
            return new CatchUp(last);
        }
        SseBatch batch = SseBatch.of(cursor, pending);
        ring.put(cursor, batch);
        bytes += batch.bytes().length;
        flushedUpTo = batch.last();
        lastFlushNanos = nowNanos;
        flushed = true;
        while (bytes > capBytes && ring.size() > 1) {
            bytes -= ring.pollFirstEntry().getValue().bytes().length;
        }
        return new Send(batch);
    }

    /**
     * How long the next batch of {@code pending} events waits; 0 when it is due: the
     * interval passed, it is full, or it holds the run's end.
     */
    private long dueIn(long pending, long nowNanos) {
        if (!flushed || pending >= maxEvents || ended.getAsBoolean()) {
            return 0;
        }
        return Math.max(0, lastFlushNanos + intervalNanos - nowNanos);
    }

    private void restartAt(long seq) {
        ring.clear();
        bytes = 0;
        flushedUpTo = seq;
    }

    /** Bytes the kept batches take. */
    long bytes() {
        lock.lock();
        try {
            return bytes;
        }
        finally {
            lock.unlock();
        }
    }

    /** How many batches are kept. */
    int kept() {
        return ring.size();
    }

}
