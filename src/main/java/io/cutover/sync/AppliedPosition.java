package io.cutover.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The panel applier's bookkeeping, kept on the target itself: the source position of the
 * last applied transaction, written in the same target transaction as its changes (so the
 * position and the data can never disagree), and the user triggers switched off while
 * changes are applied.
 */
final class AppliedPosition {

    /** Left out of verification and inventories; dropped at clean-up. */
    static final String SCHEMA = "cutover_sync";

    private AppliedPosition() {
    }

    static void install(Connection target, String slot, String lsn) throws SQLException {
        try (Statement st = target.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
            st.execute("CREATE TABLE IF NOT EXISTS " + SCHEMA
                    + ".applied_position (slot_name text PRIMARY KEY, lsn pg_lsn NOT NULL,"
                    + " commit_time timestamptz, applied_at timestamptz NOT NULL DEFAULT clock_timestamp())");
            st.execute("CREATE TABLE IF NOT EXISTS " + SCHEMA
                    + ".disabled_trigger (table_name text NOT NULL, trigger_name text NOT NULL,"
                    + " enabled \"char\" NOT NULL, PRIMARY KEY (table_name, trigger_name))");
        }
        try (PreparedStatement ps = target.prepareStatement("INSERT INTO " + SCHEMA
                + ".applied_position (slot_name, lsn) VALUES (?, ?::pg_lsn)"
                + " ON CONFLICT (slot_name) DO UPDATE SET lsn = EXCLUDED.lsn, commit_time = NULL, applied_at = clock_timestamp()")) {
            ps.setString(1, slot);
            ps.setString(2, lsn);
            ps.executeUpdate();
        }
    }

    /**
     * The last applied position, or null when the bookkeeping is not there (cleaned up,
     * or never installed).
     */
    static String read(Connection target, String slot) throws SQLException {
        try (PreparedStatement ps = target
            .prepareStatement("SELECT lsn::text FROM " + SCHEMA + ".applied_position WHERE slot_name = ?")) {
            ps.setString(1, slot);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
        catch (SQLException e) {
            if ("42P01".equals(e.getSQLState()) || "3F000".equals(e.getSQLState())) {
                return null;
            }
            throw e;
        }
    }

    static PreparedStatement advanceStatement(Connection target) throws SQLException {
        return target.prepareStatement("UPDATE " + SCHEMA
                + ".applied_position SET lsn = ?::pg_lsn, commit_time = ?, applied_at = clock_timestamp()"
                + " WHERE slot_name = ?");
    }

    /**
     * Switches off the target's user triggers: the source's triggers already did their
     * work, and the rows arrive with its results (a trigger firing again would stamp
     * other values or insert rows twice). Native subscriptions get the same effect from
     * session_replication_role, which only a superuser may set. Each trigger's mode is
     * recorded to be restored exactly.
     */
    static int disableTriggers(Connection target) throws SQLException {
        List<String[]> triggers = new ArrayList<>();
        try (Statement st = target.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT format('%I.%I', n.nspname, c.relname), t.tgname, t.tgenabled FROM pg_trigger t"
                                + " JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                                + " WHERE NOT t.tgisinternal AND t.tgenabled <> 'D' AND n.nspname NOT IN ('pg_catalog', 'information_schema', '"
                                + SCHEMA + "')")) {
            while (rs.next()) {
                triggers.add(new String[] { rs.getString(1), rs.getString(2), rs.getString(3) });
            }
        }
        try (Statement st = target.createStatement();
                PreparedStatement record = target.prepareStatement(
                        "INSERT INTO " + SCHEMA + ".disabled_trigger VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (String[] t : triggers) {
                record.setString(1, t[0]);
                record.setString(2, t[1]);
                record.setString(3, t[2]);
                record.executeUpdate();
                st.execute("ALTER TABLE " + t[0] + " DISABLE TRIGGER " + SourceSlot.quote(t[1]));
            }
        }
        return triggers.size();
    }

    /** Switches the recorded triggers back on, each in its former mode; idempotent. */
    static int restoreTriggers(Connection target) throws SQLException {
        List<String[]> triggers = new ArrayList<>();
        try (Statement st = target.createStatement();
                ResultSet rs = st
                    .executeQuery("SELECT table_name, trigger_name, enabled FROM " + SCHEMA + ".disabled_trigger")) {
            while (rs.next()) {
                triggers.add(new String[] { rs.getString(1), rs.getString(2), rs.getString(3) });
            }
        }
        catch (SQLException e) {
            if ("42P01".equals(e.getSQLState()) || "3F000".equals(e.getSQLState())) {
                return 0;
            }
            throw e;
        }
        try (Statement st = target.createStatement();
                PreparedStatement forget = target.prepareStatement(
                        "DELETE FROM " + SCHEMA + ".disabled_trigger WHERE table_name = ? AND trigger_name = ?")) {
            for (String[] t : triggers) {
                String mode = switch (t[2]) {
                    case "A" -> "ENABLE ALWAYS TRIGGER ";
                    case "R" -> "ENABLE REPLICA TRIGGER ";
                    default -> "ENABLE TRIGGER ";
                };
                st.execute("ALTER TABLE " + t[0] + " " + mode + SourceSlot.quote(t[1]));
                forget.setString(1, t[0]);
                forget.setString(2, t[1]);
                forget.executeUpdate();
            }
        }
        return triggers.size();
    }

    /** Restores the triggers, then drops the bookkeeping. */
    static List<String> drop(Connection target) throws SQLException {
        List<String> done = new ArrayList<>();
        int restored = restoreTriggers(target);
        if (restored > 0) {
            done.add("switched " + restored + " target triggers back on");
        }
        boolean present;
        try (Statement st = target.createStatement();
                ResultSet rs = st.executeQuery("SELECT 1 FROM pg_namespace WHERE nspname = '" + SCHEMA + "'")) {
            present = rs.next();
        }
        if (present) {
            try (Statement st = target.createStatement()) {
                st.execute("DROP SCHEMA " + SCHEMA + " CASCADE");
            }
            done.add("dropped the applier's bookkeeping (schema " + SCHEMA + ") on the target");
        }
        return done;
    }

}
