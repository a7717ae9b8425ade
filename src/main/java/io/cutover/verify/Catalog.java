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
 * Catalog queries, the same on both sides. Objects of system schemas and of extensions
 * are left out: they are the server's, not the application's.
 */
final class Catalog {

    /**
     * cutover_sync is the panel's own bookkeeping on a target during continuous sync, not
     * the application's.
     */
    static final String USER_SCHEMA = "n.nspname NOT IN ('pg_catalog', 'information_schema', 'cutover_sync') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'";

    private static final String NOT_EXTENSION_MEMBER = "NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = %s AND d.objid = %s AND d.deptype = 'e')";

    /** Tables and partitioned tables; partitions are counted through their parent. */
    static List<TableRef> tables(Connection c) throws SQLException {
        List<TableRef> tables = new ArrayList<>();
        String sql = "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND " + USER_SCHEMA + " AND "
                + NOT_EXTENSION_MEMBER.formatted("'pg_class'::regclass", "c.oid") + " ORDER BY 1, 2";
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

    static Map<String, String> schemaObjects(Connection c, SchemaObjects.Kind kind) throws SQLException {
        return pairs(c, kind.query());
    }

    /**
     * Leaf partitions (those that hold rows), each with the partitioned table at the root
     * of its tree.
     */
    static Map<TableRef, TableRef> leafPartitions(Connection c) throws SQLException {
        Map<TableRef, TableRef> leaves = new TreeMap<>();
        String sql = "SELECT n.nspname, c.relname, rn.nspname, r.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " JOIN pg_class r ON r.oid = pg_partition_root(c.oid) JOIN pg_namespace rn ON rn.oid = r.relnamespace"
                + " WHERE c.relkind = 'r' AND c.relispartition AND " + USER_SCHEMA + " ORDER BY 1, 2";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                leaves.put(new TableRef(rs.getString(1), rs.getString(2)),
                        new TableRef(rs.getString(3), rs.getString(4)));
            }
        }
        return leaves;
    }

    /**
     * Materialized views, each with whether it holds data (an unpopulated one cannot be
     * read).
     */
    static Map<TableRef, Boolean> materializedViews(Connection c) throws SQLException {
        Map<TableRef, Boolean> views = new TreeMap<>();
        String sql = "SELECT n.nspname, c.relname, c.relispopulated FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind = 'm' AND " + USER_SCHEMA + " AND "
                + NOT_EXTENSION_MEMBER.formatted("'pg_class'::regclass", "c.oid");
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                views.put(new TableRef(rs.getString(1), rs.getString(2)), rs.getBoolean(3));
            }
        }
        return views;
    }

    /** The first two columns of each row, in the order the query returns them. */
    static Map<String, String> pairs(Connection c, String sql) throws SQLException {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    private Catalog() {
    }

}
