package io.cutover.sync;

import io.cutover.migration.ExecutionValues;
import io.cutover.verify.PgSession;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The source side of a stream: its publication, its replication slot, and dropping both.
 */
final class SourceSlot {

    /**
     * Every sync session names itself, so the drain can tell the app's sessions from the
     * panel's.
     */
    static final String APPLICATION = "cutover-sync";

    private SourceSlot() {
    }

    static Connection open(ExecutionValues.Connection db, Duration timeout) throws SQLException {
        return PgSession.open(db, timeout, Map.of("ApplicationName", APPLICATION));
    }

    /**
     * A walsender session: the only kind that can create a slot with an exported snapshot
     * or stream from it.
     */
    static Connection openReplication(ExecutionValues.Connection db, Duration timeout) throws SQLException {
        return PgSession.open(db, timeout, Map.of("replication", "database", "preferQueryMode", "simple",
                "assumeMinServerVersion", "10", "ApplicationName", APPLICATION));
    }

    /**
     * FOR ALL TABLES needs a superuser; any other role publishes the tables it owns, by
     * name.
     */
    static String createPublication(Connection c, String publication) throws SQLException {
        try (Statement st = c.createStatement()) {
            if (superuser(c)) {
                st.execute("CREATE PUBLICATION " + quote(publication) + " FOR ALL TABLES");
                return "publication " + publication + " for all tables";
            }
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery(
                    "SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                            + " WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
                            + " AND n.nspname NOT LIKE 'pg\\_%' ORDER BY 1")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            st.execute("CREATE PUBLICATION " + quote(publication)
                    + (tables.isEmpty() ? "" : " FOR TABLE " + String.join(", ", tables)));
            return "publication " + publication + " for " + tables.size() + " tables";
        }
    }

    /**
     * Creates the slot and exports its snapshot: the snapshot shows the source exactly as
     * of the slot's consistent point, so a copy taken with it plus the changes streamed
     * from the slot is the whole source, with nothing lost or doubled in between. Valid
     * while this session stays open and runs nothing else.
     */
    static SlotCreated createSlot(Connection replication, String slot) throws SQLException {
        try (Statement st = replication.createStatement();
                ResultSet rs = st
                    .executeQuery("CREATE_REPLICATION_SLOT " + quote(slot) + " LOGICAL pgoutput EXPORT_SNAPSHOT")) {
            if (!rs.next()) {
                throw new SQLException("CREATE_REPLICATION_SLOT returned nothing");
            }
            return new SlotCreated(rs.getString("consistent_point"), rs.getString("snapshot_name"));
        }
    }

    record SlotCreated(String consistentLsn, String snapshot) {
    }

    /**
     * A slot that lives only as long as this session, for its exported snapshot: the
     * source exactly as of a WAL position, which the stream can stop at. Nothing streams
     * from it.
     */
    static SlotCreated createTemporarySlot(Connection replication, String slot) throws SQLException {
        try (Statement st = replication.createStatement();
                ResultSet rs = st.executeQuery(
                        "CREATE_REPLICATION_SLOT " + quote(slot) + " TEMPORARY LOGICAL pgoutput EXPORT_SNAPSHOT")) {
            if (!rs.next()) {
                throw new SQLException("CREATE_REPLICATION_SLOT returned nothing");
            }
            return new SlotCreated(rs.getString("consistent_point"), rs.getString("snapshot_name"));
        }
    }

    /**
     * Drops the slot (ending the session that streams from it first) and the publication;
     * says what it did.
     */
    static List<String> drop(Connection c, String slot, String publication) throws SQLException {
        List<String> done = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots WHERE slot_name = ? AND active_pid IS NOT NULL")) {
            ps.setString(1, slot);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    done.add("ended the session streaming from slot " + slot);
                }
            }
        }
        if (slotExists(c, slot)) {
            dropSlotWhenReleased(c, slot);
            done.add("dropped replication slot " + slot + " (the source no longer keeps WAL for it)");
        }
        if (publicationExists(c, publication)) {
            try (Statement st = c.createStatement()) {
                st.execute("DROP PUBLICATION " + quote(publication));
            }
            done.add("dropped publication " + publication);
        }
        return done;
    }

    /**
     * A terminated walsender releases its slot a moment later; until then the drop fails
     * with "is active".
     */
    private static void dropSlotWhenReleased(Connection c, String slot) throws SQLException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_drop_replication_slot(?)")) {
                ps.setString(1, slot);
                ps.execute();
                return;
            }
            catch (SQLException e) {
                if (!"55006".equals(e.getSQLState()) || System.nanoTime() > deadline) {
                    throw e;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
        }
    }

    static boolean slotExists(Connection c, String slot) throws SQLException {
        return exists(c, "SELECT 1 FROM pg_replication_slots WHERE slot_name = ?", slot);
    }

    static boolean publicationExists(Connection c, String publication) throws SQLException {
        return exists(c, "SELECT 1 FROM pg_publication WHERE pubname = ?", publication);
    }

    static boolean superuser(Connection c) throws SQLException {
        return "on".equals(PgSession.scalar(c, "SHOW is_superuser"));
    }

    static String currentLsn(Connection c) throws SQLException {
        return PgSession.scalar(c, "SELECT pg_current_wal_lsn()::text");
    }

    private static boolean exists(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

}
