package io.cutover.freeze;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A role's attributes as pg_roles shows them, kept at the freeze so that unfreeze can
 * prove it put back exactly what was there.
 *
 * @param reason why the freeze counts the role as one that can write the source
 */
record RoleState(String name, boolean canLogin, boolean superuser, boolean createRole, boolean createDb,
        boolean replication, boolean bypassRls, int connectionLimit, String validUntil, String config, String reason) {

    private static final String COLUMNS = "rolname, rolcanlogin, rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls,"
            + " rolconnlimit, rolvaliduntil::text, array_to_string(rolconfig, ',')";

    /** The same attributes, ignoring why the role was chosen. */
    boolean sameAttributes(RoleState other) {
        return withReason("").equals(other.withReason(""));
    }

    RoleState withReason(String why) {
        return new RoleState(name, canLogin, superuser, createRole, createDb, replication, bypassRls, connectionLimit,
                validUntil, config, why);
    }

    String attributes() {
        return (canLogin ? "LOGIN" : "NOLOGIN") + (superuser ? " SUPERUSER" : "") + (createRole ? " CREATEROLE" : "")
                + (createDb ? " CREATEDB" : "") + (replication ? " REPLICATION" : "") + (bypassRls ? " BYPASSRLS" : "")
                + (connectionLimit >= 0 ? " CONNECTION LIMIT " + connectionLimit : "");
    }

    static List<RoleState> read(Connection c, List<String> names) throws SQLException {
        List<RoleState> roles = new ArrayList<>();
        try (PreparedStatement ps = c
            .prepareStatement("SELECT " + COLUMNS + " FROM pg_roles WHERE rolname = ANY (?) ORDER BY rolname")) {
            ps.setArray(1, c.createArrayOf("text", names.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    roles.add(map(rs, ""));
                }
            }
        }
        return roles;
    }

    /**
     * Login roles besides the panel's that can write the current database, or give such a
     * role its login back: superusers, CREATEROLE, and roles that own (directly or as a
     * member) or may change a table, may create in the database or one of its schemas, or
     * may advance a sequence.
     */
    static List<RoleState> writers(Connection c) throws SQLException {
        String userSchema = "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'";
        String sql = "SELECT " + COLUMNS + ", CASE" + " WHEN r.rolsuper THEN 'superuser'"
                + " WHEN r.rolcreaterole THEN 'may create roles (and give a login back)'"
                + " WHEN EXISTS (SELECT 1 FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace WHERE t.relkind IN ('r', 'p') AND "
                + userSchema + "   AND pg_has_role(r.oid, t.relowner, 'MEMBER')) THEN 'owns tables'"
                + " WHEN EXISTS (SELECT 1 FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace WHERE t.relkind IN ('r', 'p') AND "
                + userSchema
                + "   AND has_table_privilege(r.oid, t.oid, 'INSERT, UPDATE, DELETE, TRUNCATE')) THEN 'may change tables'"
                + " WHEN EXISTS (SELECT 1 FROM pg_class s JOIN pg_namespace n ON n.oid = s.relnamespace WHERE s.relkind = 'S' AND "
                + userSchema
                + "   AND CASE WHEN s.relkind = 'S' THEN has_sequence_privilege(r.oid, s.oid, 'USAGE, UPDATE') END) THEN 'may advance sequences'"
                + " WHEN has_database_privilege(r.oid, current_database(), 'CREATE') OR EXISTS (SELECT 1 FROM pg_namespace n WHERE "
                + userSchema + "   AND has_schema_privilege(r.oid, n.oid, 'CREATE')) THEN 'may create objects'"
                + " END AS reason"
                + " FROM pg_roles r WHERE r.rolcanlogin AND r.rolname <> current_user AND r.rolname NOT LIKE 'pg\\_%'"
                + " AND (r.rolsuper OR r.rolcreaterole OR has_database_privilege(r.oid, current_database(), 'CONNECT'))"
                + " ORDER BY r.rolname";
        List<RoleState> roles = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (rs.getString("reason") != null) {
                    roles.add(map(rs, rs.getString("reason")));
                }
            }
        }
        return roles;
    }

    private static RoleState map(ResultSet rs, String reason) throws SQLException {
        return new RoleState(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4), rs.getBoolean(5),
                rs.getBoolean(6), rs.getBoolean(7), rs.getInt(8), rs.getString(9), rs.getString(10), reason);
    }
}
