package io.cutover.sync;

import io.cutover.migration.ExecutionValues;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The target side of a native stream: a subscription to the source's publication, on the
 * panel's slot.
 */
final class NativeSubscription {

    private NativeSubscription() {
    }

    /**
     * Whether the target's role may create a subscription, found out by creating one that
     * never connects, inside a transaction that is rolled back. Empty when it may; else
     * the server's reason.
     */
    static Optional<String> refusal(Connection target) throws SQLException {
        boolean autoCommit = target.getAutoCommit();
        target.setAutoCommit(false);
        try (Statement st = target.createStatement()) {
            st.execute("CREATE SUBSCRIPTION cutover_probe CONNECTION 'dbname=cutover_probe' PUBLICATION cutover_probe"
                    + " WITH (connect = false, enabled = false, create_slot = false, slot_name = NONE)");
            return Optional.empty();
        }
        catch (SQLException e) {
            return Optional
                .of(e.getMessage() == null ? e.getSQLState() : e.getMessage().lines().findFirst().orElse(""));
        }
        finally {
            target.rollback();
            target.setAutoCommit(autoCommit);
        }
    }

    /**
     * Subscribes on the existing slot without copying (the initial copy is done) — a
     * subscription that made its own slot would hang where source and target share a
     * server. The connection string carries the source's password: the statement is never
     * logged.
     */
    static void create(Connection target, ExecutionValues.Connection source, String name, String publication,
            String slot) throws SQLException {
        try (Statement st = target.createStatement()) {
            st.execute("CREATE SUBSCRIPTION " + SourceSlot.quote(name) + " CONNECTION " + literal(source.full())
                    + " PUBLICATION " + SourceSlot.quote(publication) + " WITH (create_slot = false, slot_name = "
                    + literal(slot) + ", copy_data = false, enabled = true)");
        }
    }

    /**
     * Stops the apply worker and waits until it has gone, so nothing changes the target
     * afterwards.
     */
    static void disable(Connection target, String name, Duration timeout) throws SQLException {
        if (!exists(target, name)) {
            return;
        }
        try (Statement st = target.createStatement()) {
            st.execute("ALTER SUBSCRIPTION " + SourceSlot.quote(name) + " DISABLE");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (workerRunning(target, name)) {
            if (System.nanoTime() > deadline) {
                throw new SQLException(
                        "The subscription's apply worker did not stop within " + timeout.toSeconds() + " s");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    /**
     * Drops the subscription but not the slot (the source side drops that, and it may be
     * on another server).
     */
    static List<String> drop(Connection target, String name) throws SQLException {
        List<String> done = new ArrayList<>();
        if (!exists(target, name)) {
            return done;
        }
        disable(target, name, Duration.ofSeconds(30));
        try (Statement st = target.createStatement()) {
            st.execute("ALTER SUBSCRIPTION " + SourceSlot.quote(name) + " SET (slot_name = NONE)");
            st.execute("DROP SUBSCRIPTION " + SourceSlot.quote(name));
        }
        done.add("dropped subscription " + name + " on the target");
        return done;
    }

    static boolean exists(Connection target, String name) throws SQLException {
        try (PreparedStatement ps = target.prepareStatement(
                "SELECT 1 FROM pg_subscription WHERE subname = ? AND subdbid = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static boolean workerRunning(Connection target, String name) throws SQLException {
        try (PreparedStatement ps = target
            .prepareStatement("SELECT 1 FROM pg_stat_subscription WHERE subname = ? AND pid IS NOT NULL")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

}
