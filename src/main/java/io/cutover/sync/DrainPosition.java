package io.cutover.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * The two positions the drain compares. The goal is the source's WAL once writes have
 * stopped, including transactions committed asynchronously (synchronous_commit = off)
 * that still sit in the WAL buffers: pg_current_wal_lsn() is only what has been written,
 * and such a commit's rows would be left behind. What the target has reached is the
 * position it has committed everything up to, never a position the applier has merely
 * received.
 */
final class DrainPosition {

    private DrainPosition() {
    }

    /**
     * Flushes the source's WAL, then reads the written position. The flush is a
     * synchronous commit of a transaction that writes WAL but nothing logical decoding
     * shows (a temporary table, dropped at its commit): flushing up to its commit flushes
     * every record before it, so every commit the app made is where the WAL sender can
     * decode it, and the freeze's proof (which decodes everything after the freeze) sees
     * no transaction of the panel's.
     */
    static long finalPosition(Connection source) throws SQLException {
        boolean autoCommit = source.getAutoCommit();
        source.setAutoCommit(true);
        try (Statement st = source.createStatement()) {
            st.execute("SET synchronous_commit = on");
            st.execute("CREATE TEMPORARY TABLE cutover_drain_flush () ON COMMIT DROP");
        }
        finally {
            source.setAutoCommit(autoCommit);
        }
        return PgOutput.lsn(SourceSlot.currentLsn(source));
    }

    /**
     * The source position up to which the target holds everything. For the panel's
     * applier the lower of what the slot was told and what the applier recorded after its
     * target commit (both only move after it); for a native subscription the slot's
     * confirmed position, which the target's apply worker reports only for transactions
     * it has committed.
     */
    static long reached(Connection source, String slot, Optional<ApplierProgress> panelApplier) throws SQLException {
        long confirmed;
        try (PreparedStatement ps = source
            .prepareStatement("SELECT confirmed_flush_lsn::text FROM pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, slot);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("The slot " + slot + " is gone from the source");
                }
                confirmed = rs.getString(1) == null ? 0 : PgOutput.lsn(rs.getString(1));
            }
        }
        long told = confirmed;
        return panelApplier.map(p -> Math.min(told, p.committedLsn)).orElse(told);
    }

}
