package io.cutover.verify;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Catalog queries, the same on both sides. Objects of system schemas and of extensions are left
 * out: they are the server's, not the application's.
 */
final class Catalog {

    /** cutover_sync is the panel's own bookkeeping on a target during continuous sync, not the application's. */
    static final String USER_SCHEMA = "n.nspname NOT IN ('pg_catalog', 'information_schema', 'cutover_sync') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'";

    private static final String NOT_EXTENSION_MEMBER = "NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = %s AND d.objid = %s AND d.deptype = 'e')";

    /** Tables and partitioned tables; partitions are counted through their parent. */
    static List<TableRef> tables(Connection c) throws SQLException {
        List<TableRef> tables = new ArrayList<>();
        String sql = "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND " + USER_SCHEMA
                + " AND " + NOT_EXTENSION_MEMBER.formatted("'pg_class'::regclass", "c.oid") + " ORDER BY 1, 2";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                tables.add(new TableRef(rs.getString(1), rs.getString(2)));
            }
        }
        return tables;
    }

    /** Extension name to version. */
    static Map<String, String> extensions(Connection c) throws SQLException {
        return pairs(c, "SELECT extname, extversion FROM pg_extension");
    }

    static Map<String, String> schemaObjects(Connection c, String kind) throws SQLException {
        return pairs(c, SNAPSHOT_QUERIES.get(kind));
    }

    /**
     * What the schema comparison looks at, each as "object name" to "definition". Definitions come
     * from the server's own deparsers (format_type, pg_get_constraintdef, pg_get_indexdef …) so
     * equal schemas print equally.
     */
    static final Map<String, String> SNAPSHOT_QUERIES = new TreeMap<>(Map.of(
            "column", "SELECT n.nspname || '.' || c.relname || '.' || a.attname, format_type(a.atttypid, a.atttypmod)"
                    + " || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '')"
                    + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                    + " WHERE c.relkind IN ('r', 'p', 'v', 'm') AND a.attnum > 0 AND NOT a.attisdropped AND " + USER_SCHEMA
                    + " AND " + NOT_EXTENSION_MEMBER.formatted("'pg_class'::regclass", "c.oid"),
            "constraint", "SELECT n.nspname || '.' || c.relname || '.' || con.conname, pg_get_constraintdef(con.oid)"
                    + " FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE con.contype IN ('p', 'u', 'f', 'c', 'x') AND " + USER_SCHEMA,
            "index", "SELECT i.schemaname || '.' || i.indexname, i.indexdef FROM pg_indexes i JOIN pg_namespace n ON n.nspname = i.schemaname"
                    + " WHERE " + USER_SCHEMA,
            "sequence", "SELECT s.schemaname || '.' || s.sequencename, COALESCE(s.last_value::text, 'unused')"
                    + " FROM pg_sequences s JOIN pg_namespace n ON n.nspname = s.schemaname WHERE " + USER_SCHEMA,
            "view", "SELECT n.nspname || '.' || c.relname, pg_get_viewdef(c.oid)"
                    + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('v', 'm') AND " + USER_SCHEMA
                    + " AND " + NOT_EXTENSION_MEMBER.formatted("'pg_class'::regclass", "c.oid"),
            "function", "SELECT n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', md5(pg_get_functiondef(p.oid))"
                    + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE p.prokind IN ('f', 'p') AND " + USER_SCHEMA
                    + " AND " + NOT_EXTENSION_MEMBER.formatted("'pg_proc'::regclass", "p.oid"),
            "trigger", "SELECT n.nspname || '.' || c.relname || '.' || t.tgname, pg_get_triggerdef(t.oid)"
                    + " FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE NOT t.tgisinternal AND " + USER_SCHEMA,
            "extension", "SELECT extname, extversion FROM pg_extension"));

    private static Map<String, String> pairs(Connection c, String sql) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    private Catalog() {}
}
