package io.cutover.sync;

import java.time.Instant;

/**
 * A migration's replication stream as the panel recorded it.
 *
 * @param consistentLsn the slot's consistent point: the initial copy holds everything
 * before it
 * @param drainedLsn the source position the target had applied when the stream stopped at
 * cutover
 */
public record SyncStream(long migrationId, SyncMode mode, SyncState state, String slotName, String publicationName,
        String consistentLsn, String drainedLsn, Instant startedAt, Instant streamingAt, Instant drainedAt,
        Instant cleanedAt, String lastError) {

    /** A native stream's subscription on the target carries the slot's name. */
    public String subscriptionName() {
        return slotName;
    }
}
