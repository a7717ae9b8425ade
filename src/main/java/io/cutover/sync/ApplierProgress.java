package io.cutover.sync;

import java.time.Instant;

/**
 * What the panel applier is doing, read by the lag monitor while the applier writes it
 * (fields are volatile; a reader may see one field a moment newer than another, which a
 * status line tolerates).
 */
final class ApplierProgress {

    volatile boolean connected;

    volatile long appliedLsn;

    /**
     * The source position up to which the target has committed everything: moved only
     * after a target commit returned, or when nothing is received but not yet committed.
     * The drain waits on it; appliedLsn is for the status line.
     */
    volatile long committedLsn;

    volatile Instant lastCommitTime;

    volatile long transactions;

    volatile long changes;

    volatile long noOps;

    volatile String lastError;

    /**
     * The transaction being received: where its commit record is, and where its first
     * change was.
     */
    volatile long transactionFinalLsn;

    volatile long transactionFirstLsn;

    volatile long receivedLsn;

    /** On (re)connect: the position the target's bookkeeping row holds. */
    void resumedAt(long lsn) {
        committedLsn = Math.max(committedLsn, lsn);
        appliedLsn = lsn;
    }

    void transactionStart(long finalLsn, long firstLsn) {
        transactionFirstLsn = firstLsn;
        receivedLsn = firstLsn;
        transactionFinalLsn = finalLsn;
    }

    void transactionEnd() {
        transactionFinalLsn = 0;
    }

    void committed(long lsn, Instant commitTime, int txns, long applied, long noOpsSoFar) {
        committedLsn = Math.max(committedLsn, lsn);
        appliedLsn = lsn;
        lastCommitTime = commitTime;
        transactions += txns;
        changes += applied;
        noOps = noOpsSoFar;
    }

    void caughtUpTo(long lsn) {
        committedLsn = Math.max(committedLsn, lsn);
        appliedLsn = Math.max(appliedLsn, lsn);
    }

    /**
     * Bytes of the current transaction still to receive and apply, or 0 between
     * transactions.
     */
    long transactionBytesLeft() {
        long fin = transactionFinalLsn;
        return fin == 0 ? 0 : Math.max(0, fin - receivedLsn);
    }

    long transactionBytes() {
        long fin = transactionFinalLsn;
        return fin == 0 ? 0 : Math.max(0, fin - transactionFirstLsn);
    }

}
