package io.cutover.capture;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The capture on the cluster: its schema, the triggers on every table, the freeze flag,
 * and removing it all.
 */
final class CaptureSchema {

    static final String SCHEMA = "cutover_capture";

    private static final String FUNCTION = """
            CREATE OR REPLACE FUNCTION cutover_capture.record() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
            SET search_path = pg_catalog, pg_temp AS $$
            BEGIN
              IF EXISTS (SELECT 1 FROM cutover_capture.frozen) THEN
                RAISE EXCEPTION 'This database is frozen for a rollback to the old database (cutover panel): writes are refused';
              END IF;
              IF TG_OP = 'TRUNCATE' THEN
                INSERT INTO cutover_capture.change (table_schema, table_name, op) VALUES (TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_OP);
                RETURN NULL;
              END IF;
              INSERT INTO cutover_capture.change (table_schema, table_name, op, old_row, new_row)
              VALUES (TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_OP,
                      CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END, CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END);
              RETURN NULL;
            END $$""";

    private CaptureSchema() {
    }

    /**
     * Creates the capture (again: safe to re-run) and returns the tables it now watches.
     */
    static List<String> install(Connection c) throws SQLException {
        List<String> tables = userTables(c);
        try (Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
            st.execute(
                    "CREATE TABLE IF NOT EXISTS cutover_capture.change (id bigserial PRIMARY KEY, xid xid8 NOT NULL DEFAULT pg_current_xact_id(),"
                            + " table_schema text NOT NULL, table_name text NOT NULL, op text NOT NULL, old_row jsonb, new_row jsonb,"
                            + " captured_at timestamptz NOT NULL DEFAULT clock_timestamp())");
            st.execute("CREATE TABLE IF NOT EXISTS cutover_capture.frozen (since timestamptz NOT NULL)");
            st.execute(FUNCTION);
            for (String table : tables) {
                st.execute("DROP TRIGGER IF EXISTS cutover_capture_row ON " + table);
                st.execute("DROP TRIGGER IF EXISTS cutover_capture_truncate ON " + table);
                st.execute("CREATE TRIGGER cutover_capture_row AFTER INSERT OR UPDATE OR DELETE ON " + table
                        + " FOR EACH ROW EXECUTE FUNCTION cutover_capture.record()");
                st.execute("CREATE TRIGGER cutover_capture_truncate AFTER TRUNCATE ON " + table
                        + " FOR EACH STATEMENT EXECUTE FUNCTION cutover_capture.record()");
            }
            c.commit();
        }
        catch (SQLException e) {
            c.rollback();
            throw e;
        }
        finally {
            c.setAutoCommit(true);
        }
        return tables;
    }

    static boolean installed(Connection c) throws SQLException {
        return scalar(c, "SELECT to_regclass('cutover_capture.change') IS NOT NULL").equals("t");
    }

    /** Changes captured so far, and the newest one's id (0 when none). */
    static long[] captured(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*), coalesce(max(id), 0) FROM cutover_capture.change")) {
            rs.next();
            return new long[] { rs.getLong(1), rs.getLong(2) };
        }
    }

    /**
     * From now on the capture trigger refuses every write (what the rollback freezes the
     * cluster with).
     */
    static void freeze(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(
                    "INSERT INTO cutover_capture.frozen (since) SELECT now() WHERE NOT EXISTS (SELECT 1 FROM cutover_capture.frozen)");
        }
    }

    /** Removes every trigger and the schema; returns how many tables it watched. */
    static int remove(Connection c) throws SQLException {
        int removed = 0;
        try (Statement st = c.createStatement()) {
            List<String> watched = new ArrayList<>();
            try (ResultSet rs = st.executeQuery(
                    "SELECT DISTINCT tgrelid::regclass::text FROM pg_trigger WHERE tgname IN ('cutover_capture_row', 'cutover_capture_truncate')")) {
                while (rs.next()) {
                    watched.add(rs.getString(1));
                }
            }
            for (String table : watched) {
                st.execute("DROP TRIGGER IF EXISTS cutover_capture_row ON " + table);
                st.execute("DROP TRIGGER IF EXISTS cutover_capture_truncate ON " + table);
                removed++;
            }
            st.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
        return removed;
    }

    /**
     * Ordinary and partitioned tables outside the system schemas and the capture's own;
     * partitions get the parent's trigger.
     */
    static List<String> userTables(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT format('%I.%I', n.nspname, t.relname) FROM pg_class t"
                        + " JOIN pg_namespace n ON n.oid = t.relnamespace WHERE t.relkind IN ('r', 'p') AND NOT t.relispartition"
                        + " AND n.nspname NOT IN ('pg_catalog', 'information_schema', '" + SCHEMA
                        + "') AND n.nspname NOT LIKE 'pg\\_%' ORDER BY 1")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    static java.time.Instant instant(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            java.sql.Timestamp t = rs.getTimestamp(1);
            return t == null ? null : t.toInstant();
        }
    }

    static String scalar(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

}
