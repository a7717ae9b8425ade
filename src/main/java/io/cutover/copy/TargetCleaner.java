package io.cutover.copy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Empties the target database before a final sync. A managed cluster's user is not a
 * superuser: dropping everything it owns is exactly the clean slate a restore needs, and
 * leaves what the provider owns alone. A superuser (local rehearsals) drops the user
 * schemas instead.
 */
final class TargetCleaner {

    private TargetCleaner() {
    }

    static List<String> clean(Connection c) throws SQLException {
        List<String> done = new ArrayList<>();
        boolean superuser = "on".equals(scalar(c, "SHOW is_superuser"));
        try (Statement st = c.createStatement()) {
            if (superuser) {
                List<String> schemas = new ArrayList<>();
                try (var rs = st.executeQuery(
                        "SELECT nspname FROM pg_namespace WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_%'")) {
                    while (rs.next()) {
                        schemas.add(rs.getString(1));
                    }
                }
                for (String schema : schemas) {
                    st.execute("DROP SCHEMA \"" + schema.replace("\"", "\"\"") + "\" CASCADE");
                    done.add("dropped schema " + schema);
                }
                st.execute("CREATE SCHEMA IF NOT EXISTS public");
                done.add("created schema public");
            }
            else {
                boolean hadPublic = "t".equals(
                        scalar(c, "SELECT count(*) > 0 FROM pg_namespace WHERE nspname = 'public'").substring(0, 1));
                st.execute("DROP OWNED BY CURRENT_USER CASCADE");
                done.add("dropped every object owned by " + scalar(c, "SELECT current_user"));
                // Dumps assume the public schema exists; DROP OWNED removed it if this
                // user owned it.
                if (hadPublic && !"t".equals(
                        scalar(c, "SELECT count(*) > 0 FROM pg_namespace WHERE nspname = 'public'").substring(0, 1))) {
                    st.execute("CREATE SCHEMA public");
                    done.add("created schema public again");
                }
            }
        }
        return done;
    }

    /**
     * Whether any user schema holds a relation, function or type, or a schema besides
     * public exists: a half-done restore leaves such things.
     */
    static boolean holdsObjects(Connection c) throws SQLException {
        String user = "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'";
        return "t".equals(scalar(c,
                "SELECT (EXISTS (SELECT 1 FROM pg_class x JOIN pg_namespace n ON n.oid = x.relnamespace WHERE " + user
                        + ")"
                        + " OR EXISTS (SELECT 1 FROM pg_proc x JOIN pg_namespace n ON n.oid = x.pronamespace WHERE "
                        + user + ")"
                        + " OR EXISTS (SELECT 1 FROM pg_type x JOIN pg_namespace n ON n.oid = x.typnamespace WHERE x.typtype IN ('e', 'd', 'c', 'r') AND x.typrelid = 0 AND "
                        + user + ")" + " OR EXISTS (SELECT 1 FROM pg_namespace n WHERE " + user
                        + " AND n.nspname <> 'public'))::text")
            .substring(0, 1));
    }

    private static String scalar(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

}
