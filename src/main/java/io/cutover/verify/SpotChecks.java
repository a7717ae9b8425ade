package io.cutover.verify;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Spot checks generated from the source's own catalog, so they fit whatever schema the
 * team has: row counts of the largest tables, the newest rows of each large table that
 * has a timestamp or integer key, and foreign keys and indexes, each compared with the
 * target. Rows are compared by their key and a hash of their text; their values never
 * reach the log.
 */
final class SpotChecks {

    /** One line of the spot-check table. */
    record Result(String check, String object, String source, String target, String result) {

        boolean different() {
            return result.equals(DIFFERENT);
        }
    }

    static final String SAME = "same";
    static final String DIFFERENT = "DIFFERENT";

    /**
     * While changes still stream to the target, a newer source is expected, not a fault.
     */
    static final String STREAMING = "differs (still streaming)";

    /**
     * Before the cutover the app still writes to the source; the final sync copies it
     * again, and the verification inside the window compares.
     */
    static final String MOVED_ON = "differs (the app may have written since the copy)";

    private static final int LARGEST = 5;

    private static final int NEWEST = 5;

    private static final String NEWEST_COLUMN = """
            SELECT quote_ident(a.attname) FROM pg_attribute a
            WHERE a.attrelid = '%s'::regclass AND a.attnum > 0 AND NOT a.attisdropped
              AND a.atttypid IN ('timestamptz'::regtype, 'timestamp'::regtype, 'date'::regtype)
            ORDER BY CASE a.attname WHEN 'inserted_at' THEN 0 WHEN 'created_at' THEN 1 WHEN 'updated_at' THEN 2 ELSE 3 END, a.attnum LIMIT 1""";

    private static final String PRIMARY_KEY = """
            SELECT quote_ident(a.attname), a.atttypid IN (20, 21, 23) FROM pg_index i
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
            WHERE i.indrelid = '%s'::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)""";

    private static final String FOREIGN_KEYS = "SELECT con.conrelid::regclass::text || '.' || con.conname, pg_get_constraintdef(con.oid)"
            + " FROM pg_constraint con JOIN pg_namespace n ON n.oid = con.connamespace WHERE con.contype = 'f' AND con.conparentid = 0 AND "
            + Catalog.USER_SCHEMA;

    private static final String INDEXES = "SELECT n.nspname || '.' || c.relname, pg_get_indexdef(i.indexrelid)"
            + " || CASE WHEN i.indisvalid THEN '' ELSE ' (INVALID: rebuild it)' END FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT c.relispartition AND " + Catalog.USER_SCHEMA;

    private final Connection source;

    private final Connection target;

    private final String behind;

    /**
     * @param streaming whether the target may still be behind the source (continuous sync
     * before the drain)
     */
    SpotChecks(Connection source, Connection target, boolean streaming) {
        this.source = source;
        this.target = target;
        this.behind = streaming ? STREAMING : MOVED_ON;
    }

    List<Result> run() throws SQLException {
        List<TableRef> largest = largestTables();
        List<Result> out = new ArrayList<>();
        for (TableRef t : largest) {
            String s = scalar(source, "SELECT count(*) FROM " + t.quoted());
            String g = exists(target, t) ? scalar(target, "SELECT count(*) FROM " + t.quoted()) : null;
            out.add(new Result("row count (largest tables)", t.toString(), s + " rows",
                    g == null ? "table missing" : g + " rows", g == null ? DIFFERENT : s.equals(g) ? SAME : behind));
        }
        for (TableRef t : largest) {
            out.addAll(newestRows(t));
        }
        // A partition's copies of its parent's keys and indexes come and go with the
        // parent's.
        out.addAll(definitions("foreign keys", FOREIGN_KEYS));
        out.addAll(definitions("indexes", INDEXES));
        return out;
    }

    private List<TableRef> largestTables() throws SQLException {
        List<TableRef> tables = Catalog.tables(source);
        Map<TableRef, Long> size = new LinkedHashMap<>();
        for (TableRef t : tables) {
            // A partitioned table's own size is zero: its partitions hold the rows.
            size.put(t,
                    Long.parseLong(scalar(source,
                            "SELECT coalesce(sum(pg_total_relation_size(relid)), 0) FROM pg_partition_tree('"
                                    + literal(t) + "'::regclass)")));
        }
        return tables.stream().sorted((a, b) -> Long.compare(size.get(b), size.get(a))).limit(LARGEST).toList();
    }

    /**
     * The newest rows by a timestamp column (or an integer primary key), looked for on
     * the target by their key.
     */
    private List<Result> newestRows(TableRef t) throws SQLException {
        List<String> key = new ArrayList<>();
        boolean integerKey = false;
        try (Statement st = source.createStatement();
                ResultSet rs = st.executeQuery(PRIMARY_KEY.formatted(literal(t)))) {
            while (rs.next()) {
                key.add(rs.getString(1));
                integerKey = rs.getBoolean(2);
            }
        }
        String newest = scalar(source, NEWEST_COLUMN.formatted(literal(t)));
        if (newest == null && (key.size() != 1 || !integerKey)) {
            return List.of();
        }
        String order = newest != null ? newest + " DESC NULLS LAST" : key.get(0) + " DESC";
        String keyText = key.isEmpty() ? "md5(t::text)" : key.size() == 1 ? "t." + key.get(0) + "::text"
                : "ROW(" + String.join(", ", key.stream().map(k -> "t." + k).toList()) + ")::text";
        String sql = "SELECT " + keyText + ", md5(t::text) FROM " + t.quoted() + " t ORDER BY " + order + ", 2 LIMIT "
                + NEWEST;
        Map<String, String> src = pairs(source, sql);
        String check = "newest rows by " + (newest != null ? newest : key.get(0));
        if (!exists(target, t)) {
            return List.of(new Result(check, t.toString(), src.size() + " rows", "table missing", DIFFERENT));
        }
        List<Result> out = new ArrayList<>();
        for (var row : src.entrySet()) {
            String there = scalar(target, "SELECT md5(t::text) FROM " + t.quoted() + " t WHERE " + keyText + " = '"
                    + row.getKey().replace("'", "''") + "' LIMIT 1");
            String label = key.isEmpty() ? "a row" : "key " + row.getKey();
            out.add(new Result(check, t + " " + label, "present",
                    there == null ? "missing" : there.equals(row.getValue()) ? "same content" : "other content",
                    row.getValue().equals(there) ? SAME : behind));
        }
        return out;
    }

    /**
     * Definitions by name on both sides: one summary line, and one line per definition
     * missing or different on the target.
     */
    private List<Result> definitions(String what, String sql) throws SQLException {
        Map<String, String> s = pairs(source, sql);
        Map<String, String> t = pairs(target, sql);
        List<Result> out = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>(s.keySet());
        names.addAll(t.keySet());
        int same = 0;
        for (String name : names) {
            String a = s.get(name);
            String b = t.get(name);
            if (a != null && a.equals(b)) {
                same++;
            }
            else {
                out.add(new Result(what, name, a == null ? "—" : a, b == null ? "missing" : b,
                        a == null ? "only on target" : DIFFERENT));
            }
        }
        out.add(0, new Result(what, "all", s.size() + " " + what, t.size() + " " + what,
                same == names.size() ? SAME : DIFFERENT));
        return out;
    }

    private static boolean exists(Connection c, TableRef t) throws SQLException {
        return scalar(c, "SELECT to_regclass('" + literal(t) + "')") != null;
    }

    private static String literal(TableRef t) {
        return t.quoted().replace("'", "''");
    }

    private static String scalar(Connection c, String sql) throws SQLException {
        return PgSession.scalar(c, sql);
    }

    private static Map<String, String> pairs(Connection c, String sql) throws SQLException {
        return Catalog.pairs(c, sql);
    }

}
