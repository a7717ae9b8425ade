package io.cutover.sync;

import java.time.Instant;

/**
 * Continuous sync as the wizard shows it, sampled from the source once a second.
 *
 * @param state NONE when no stream was started, else a {@link SyncState} name
 * @param lagBytes WAL the target has not applied yet
 * @param lagSeconds how far behind the applied changes are in time, when the server
 * measures it
 * @param retainedBytes WAL the slot keeps on the source's volume
 * @param volumeBytes the source volume's size (0 when unknown)
 * @param retention ok, warn or danger: the slot's WAL against what the volume has left
 * @param backlog a lag large enough that stopping the app now would add its drain to the
 * downtime
 * @param problem what stops the stream, in words (null when nothing does)
 */
public record SyncStatus(long migrationId, String state, String mode, String slot, String sourceLsn, String appliedLsn,
        long lagBytes, Double lagSeconds, long retainedBytes, long volumeBytes, long databaseBytes, String retention,
        String retentionMessage, Backlog backlog, long transactionsApplied, long changesApplied, String problem,
        Instant sampledAt, Verification verification) {

    public SyncStatus(long migrationId, String state, String mode, String slot, String sourceLsn, String appliedLsn,
            long lagBytes, Double lagSeconds, long retainedBytes, long volumeBytes, long databaseBytes,
            String retention, String retentionMessage, Backlog backlog, long transactionsApplied, long changesApplied,
            String problem, Instant sampledAt) {
        this(migrationId, state, mode, slot, sourceLsn, appliedLsn, lagBytes, lagSeconds, retainedBytes, volumeBytes,
                databaseBytes, retention, retentionMessage, backlog, transactionsApplied, changesApplied, problem,
                sampledAt, null);
    }

    /**
     * Where the verification kept pace with the stream after the online verification.
     *
     * @param position the source position everything not pending is proven equal at
     * @param at when the last pass (or the online verification) proved it
     * @param passes background passes so far
     * @param lastKeys keys the last pass compared on both sides
     * @param pendingKeys keys the stream changed since, compared by the next pass (or
     * inside the downtime)
     * @param differences rows found different at a pass, named by key (the first 100)
     * @param problem why the last pass did not finish, or null
     */
    public record Verification(String position, Instant at, int passes, long lastKeys, long pendingKeys,
            java.util.List<String> differences, String problem) {
    }

    /** The same status with the verification's progress. */
    public SyncStatus with(Verification v) {
        return new SyncStatus(migrationId, state, mode, slot, sourceLsn, appliedLsn, lagBytes, lagSeconds,
                retainedBytes, volumeBytes, databaseBytes, retention, retentionMessage, backlog, transactionsApplied,
                changesApplied, problem, sampledAt, v);
    }

    /**
     * @param applyBytesPerSecond how fast the target catches up, over the last seconds (0
     * if unknown)
     * @param etaSeconds expected time to drain at that pace, or null when the pace is not
     * known yet
     * @param transactionBytes size of a single large transaction being applied now (panel
     * mode), else 0
     * @param transactionBytesLeft what of it is still to apply
     */
    public record Backlog(long bytes, long applyBytesPerSecond, Double etaSeconds, long transactionBytes,
            long transactionBytesLeft) {
    }

    public static SyncStatus none(long migrationId, Instant now) {
        return new SyncStatus(migrationId, "NONE", null, null, null, null, 0, null, 0, 0, 0, "ok", null, null, 0, 0,
                null, now);
    }

    /** Whether changes are flowing and nothing needs attention. */
    public boolean healthy() {
        return "STREAMING".equals(state) && problem == null && backlog == null && "ok".equals(retention);
    }
}
