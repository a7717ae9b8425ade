package io.cutover.copy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a copy has to move, table by table: rows from the planner's statistics, scaled to
 * the table's size now (as the planner does), bytes from its heap. A table never analysed
 * has no estimate and is counted exactly; so is one analysed while empty that holds data
 * since.
 */
record TableEstimate(String table, long rows, long bytes) {

    /** User tables with their data in a dump; extensions' own tables are not. */
    private static final String TABLES = """
            SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname), c.reltuples, c.relpages,
                   pg_relation_size(c.oid)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind = 'r' AND c.relpersistence <> 't'
              AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                              AND d.objid = c.oid AND d.deptype = 'e')
            ORDER BY 1
            """;

    private static final long PAGE = 8192;

    static List<TableEstimate> of(Connection source) throws SQLException {
        List<TableEstimate> tables = new ArrayList<>();
        List<String> uncounted = new ArrayList<>();
        // pg_relation_size and count(*) wait for a table someone holds locked (a
        // migration,
        // a LOCK TABLE); the dump or copy must not wait with them. After a short wait the
        // sizes fail (the copy runs without a bar) and a count is left at zero.
        try (Statement st = source.createStatement()) {
            st.execute("SET lock_timeout = '500ms'");
        }
        try (Statement st = source.createStatement(); ResultSet rs = st.executeQuery(TABLES)) {
            while (rs.next()) {
                long rows = estimate(rs.getDouble(2), rs.getLong(3), rs.getLong(4));
                if (rows < 0) {
                    uncounted.add(rs.getString(1));
                }
                tables.add(new TableEstimate(rs.getString(1), rows, rs.getLong(4)));
            }
        }
        if (uncounted.isEmpty()) {
            return tables;
        }
        Map<String, Long> counted = new java.util.HashMap<>();
        try (Statement st = source.createStatement()) {
            for (String table : uncounted) {
                counted.put(table, countOrZero(st, table));
            }
        }
        return tables.stream()
            .map(t -> t.rows() >= 0 ? t : new TableEstimate(t.table(), counted.get(t.table()), t.bytes()))
            .toList();
    }

    private static long countOrZero(Statement st, String table) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
        catch (SQLException e) {
            if ("55P03".equals(e.getSQLState())) {
                return 0;
            }
            throw e;
        }
    }

    /**
     * The planner's row estimate for a table of {@code bytes} now; -1 when only a count
     * can tell.
     */
    static long estimate(double reltuples, long relpages, long bytes) {
        if (reltuples < 0) {
            return -1;
        }
        if (relpages > 0) {
            return Math.round(reltuples / relpages * Math.max(1, bytes / PAGE));
        }
        return bytes > 0 ? -1 : 0;
    }

    /** Bytes this table's {@code done} rows stand for. */
    long bytesFor(long done) {
        if (rows <= 0) {
            // Nothing to copy (only dead rows, say): done from the start.
            return bytes;
        }
        return Math.round((double) bytes * Math.min(done, rows) / rows);
    }

}
