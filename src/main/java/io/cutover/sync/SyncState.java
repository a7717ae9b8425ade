package io.cutover.sync;

/** Where a migration's replication stream stands. */
public enum SyncState {

    /** Slot created; the initial copy at its snapshot is running. */
    COPYING,
    /** Changes flow from the source to the target. */
    STREAMING,
    /**
     * Stopped at cutover after the target applied everything up to the source's position.
     */
    DRAINED,
    /** Setting up failed; what it had created on the servers was dropped. */
    FAILED,
    /** Slot, publication and subscription dropped; the source retains no WAL for it. */
    CLEANED;

    /** Whether a slot on the source may be holding WAL for this stream. */
    public boolean holdsSlot() {
        return this == COPYING || this == STREAMING || this == DRAINED;
    }

}
