package io.cutover.sync;

import io.cutover.migration.ExecutionValues;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * What the sync's step checks work with: the streams' records, the panel's running
 * appliers, the sync settings and the clock that stamps a stream's state changes. One
 * collaborator they share, so that each check holds what is its own and not the same four
 * fields again.
 */
@Component
record SyncRuntime(SyncStreamRepository streams, SyncAppliers appliers, SyncProperties properties, Clock clock) {

    /** A plain session to either side, within the sync's connect timeout. */
    Connection open(ExecutionValues.Connection db) throws SQLException {
        return SourceSlot.open(db, properties.connectTimeout());
    }

    /** Whether the migration's stream exists and is in that state. */
    boolean streamIs(long migrationId, SyncState state) {
        return streams.find(migrationId).map(s -> s.state() == state).orElse(false);
    }

}
