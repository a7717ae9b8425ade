package io.cutover.verify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cuts keyed tables into segments of about {@link #SEGMENT_ROWS} rows. The boundaries
 * come from a block sample of the source's keys split into equal parts ({@code ntile}),
 * so gaps in the keys do not make segments uneven. Tables without a primary key or
 * replica identity index are not cut: they keep the whole-table hash.
 */
final class SegmentPlanner {

    static final int SEGMENT_ROWS = 50_000;

    /**
     * Sampled keys per segment: enough for balanced boundaries, a small fraction of the
     * table.
     */
    private static final int SAMPLE_PER_SEGMENT = 200;

    private static final int BLOCKS_PER_SEGMENT = 20;

    private static final String KEY = """
            SELECT a.attname, format_type(a.atttypid, a.atttypmod), ty.typcollation <> 0, i.indexrelid
            FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, n)
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
            JOIN pg_type ty ON ty.oid = a.atttypid
            WHERE i.indrelid = ?::regclass AND (i.indisprimary OR i.indisreplident) AND i.indisvalid AND i.indpred IS NULL
              AND NOT (0 = ANY (i.indkey::int2[]))
            ORDER BY i.indisprimary DESC, i.indexrelid, k.n""";

    private SegmentPlanner() {
    }

    /** Tables with a usable key and their segments; keyless ones are absent. */
    static Map<TableRef, Segmentation> plan(Connection c, List<TableRef> tables) throws SQLException {
        Map<TableRef, Segmentation> plans = new TreeMap<>();
        for (TableRef table : tables) {
            Savepoint before = c.getAutoCommit() ? null : c.setSavepoint();
            try {
                Segmentation s = plan(c, table);
                if (s != null) {
                    plans.put(table, s);
                }
            }
            catch (SQLException e) {
                // A table this role cannot read (or sample) keeps the whole-table hash;
                // the scan reports it.
                if (before != null) {
                    c.rollback(before);
                }
            }
        }
        return plans;
    }

    private static Segmentation plan(Connection c, TableRef table) throws SQLException {
        List<String> columns = new ArrayList<>();
        String first = null;
        String type = null;
        boolean collatable = false;
        try (PreparedStatement ps = c.prepareStatement(KEY)) {
            ps.setString(1, table.quoted());
            try (ResultSet rs = ps.executeQuery()) {
                long index = 0;
                while (rs.next()) {
                    if (index != 0 && index != rs.getLong(4)) {
                        break; // only the first index: the primary key, else the replica
                               // identity
                    }
                    index = rs.getLong(4);
                    if (first == null) {
                        first = rs.getString(1);
                        type = rs.getString(2);
                        collatable = rs.getBoolean(3);
                    }
                    columns.add(rs.getString(1));
                }
            }
        }
        if (first == null) {
            return null;
        }
        Segmentation whole = new Segmentation(columns, first, type, collatable, List.of());
        long estimate = estimatedRows(c, table);
        if (estimate < 2L * SEGMENT_ROWS) {
            return whole;
        }
        return new Segmentation(columns, first, type, collatable, boundaries(c, table, whole, estimate));
    }

    private static long estimatedRows(Connection c, TableRef table) throws SQLException {
        try (PreparedStatement ps = c
            .prepareStatement("SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE oid = ?::regclass")) {
            ps.setString(1, table.quoted());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private static long pages(Connection c, TableRef table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT relpages FROM pg_class WHERE oid = ?::regclass")) {
            ps.setString(1, table.quoted());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private static List<String> boundaries(Connection c, TableRef table, Segmentation whole, long estimate)
            throws SQLException {
        int segments = (int) Math.min(100_000, (estimate + SEGMENT_ROWS - 1) / SEGMENT_ROWS);
        // A block sample: keys come in runs of a block's rows. Several blocks per segment
        // keep two
        // boundaries from falling into one run (which would make a segment of a few
        // rows).
        double byRows = 100.0 * segments * SAMPLE_PER_SEGMENT / estimate;
        double byBlocks = 100.0 * segments * BLOCKS_PER_SEGMENT / Math.max(1, pages(c, table));
        double percent = Math.min(100.0, Math.max(byRows, byBlocks));
        String key = whole.keyExpression();
        // Sorted by the value itself (d.first), not by the text: a bare "ORDER BY first"
        // names the output column, the text, and '1000' < '999' made ranges overlap.
        String sql = "SELECT d.first::text AS boundary FROM (SELECT DISTINCT first FROM (SELECT min(k) AS first, b FROM (SELECT k, ntile("
                + segments + ") OVER (ORDER BY k) AS b FROM (SELECT " + key + " AS k FROM " + table.quoted()
                + " AS t TABLESAMPLE SYSTEM (" + percent + ")) s) q GROUP BY b) f WHERE b > 1) d ORDER BY d.first";
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

}
