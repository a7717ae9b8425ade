package io.cutover.sync;

import io.cutover.verify.PgSession;
import io.cutover.verify.PreflightPoint;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What continuous sync needs from each server, one point per prerequisite, each failure
 * with the fix. The start step checks the source again: publishing a table without a
 * replica identity would make the source refuse the app's updates and deletes on it.
 */
final class SyncPrerequisites {

    private static final String USER_TABLES = "n.nspname NOT IN ('pg_catalog', 'information_schema', '"
            + AppliedPosition.SCHEMA + "')"
            + " AND n.nspname NOT LIKE 'pg\\_%' AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass"
            + " AND d.objid = c.oid AND d.deptype = 'e')";

    private SyncPrerequisites() {
    }

    /**
     * @param sourceApp the Flex app, for the restart command in the fix
     */
    static List<PreflightPoint> source(Connection c, String sourceApp) throws SQLException {
        List<PreflightPoint> points = new ArrayList<>();
        points.add(walLevel(c, sourceApp));
        points.add(replicationPrivilege(c));
        points.add(freeSlot(c));
        points.add(freeWalSender(c));
        points.add(replicaIdentity(c));
        points.add(publicationRights(c));
        leftoverSlots(c).ifPresent(points::add);
        points.add(PreflightPoint.warn("schema changes",
                "DDL is not streamed: a migration deployed during the sync would stop it or leave the target behind",
                "Deploy no database migration between starting the sync and the cutover"));
        notStreamed(c).ifPresent(points::add);
        return points;
    }

    /** The source points that make starting impossible (warnings aside). */
    static List<PreflightPoint> sourceBlockers(Connection c, String sourceApp) throws SQLException {
        return source(c, sourceApp).stream().filter(p -> p.result() == PreflightPoint.Result.FAIL).toList();
    }

    private static PreflightPoint walLevel(Connection c, String sourceApp) throws SQLException {
        String level = PgSession.scalar(c, "SHOW wal_level");
        return "logical".equals(level) ? PreflightPoint.pass("wal_level", "logical")
                : PreflightPoint.fail("wal_level", "wal_level is '" + level + "'; decoding changes needs 'logical'",
                        "As a superuser run ALTER SYSTEM SET wal_level = logical, then restart PostgreSQL"
                                + (sourceApp.isBlank() ? "" : " (fly postgres restart --app " + sourceApp + ")")
                                + " — the restart disconnects the app for a few seconds");
    }

    private static PreflightPoint replicationPrivilege(Connection c) throws SQLException {
        String user = PgSession.scalar(c, "SELECT current_user");
        boolean may = "t".equals(
                PgSession.scalar(c, "SELECT rolreplication OR rolsuper FROM pg_roles WHERE rolname = current_user"));
        return may ? PreflightPoint.pass("replication privilege", "role " + user + " may stream changes")
                : PreflightPoint.fail("replication privilege",
                        "role " + user + " has neither REPLICATION nor SUPERUSER", "As a superuser run ALTER ROLE \""
                                + user + "\" REPLICATION (or use the Flex postgres user for the source connection)");
    }

    private static PreflightPoint freeSlot(Connection c) throws SQLException {
        int max = Integer.parseInt(PgSession.scalar(c, "SHOW max_replication_slots"));
        int used = Integer.parseInt(PgSession.scalar(c, "SELECT count(*) FROM pg_replication_slots"));
        return used < max ? PreflightPoint.pass("replication slots", used + " of " + max + " in use") : PreflightPoint
            .fail("replication slots", "all " + max + " replication slots are in use",
                    "Drop a slot nobody uses (SELECT pg_drop_replication_slot('name')) or raise max_replication_slots (needs a restart)");
    }

    private static PreflightPoint freeWalSender(Connection c) throws SQLException {
        int max = Integer.parseInt(PgSession.scalar(c, "SHOW max_wal_senders"));
        int used = Integer.parseInt(PgSession.scalar(c, "SELECT count(*) FROM pg_stat_replication"));
        return used < max ? PreflightPoint.pass("WAL senders", used + " of " + max + " in use")
                : PreflightPoint.fail("WAL senders", "all " + max + " WAL sender processes are in use",
                        "Raise max_wal_senders (needs a restart)");
    }

    private static PreflightPoint replicaIdentity(Connection c) throws SQLException {
        List<String> tables = list(c,
                "SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE c.relkind = 'r' AND c.relpersistence = 'p' AND " + USER_TABLES
                        + " AND (c.relreplident = 'n' OR (c.relreplident = 'd' AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary)))"
                        + " ORDER BY 1");
        return tables.isEmpty()
                ? PreflightPoint.pass("primary keys", "every table has a primary key or a replica identity")
                : PreflightPoint.fail("primary keys", tables.size() + " table"
                        + (tables.size() == 1 ? " has" : "s have") + " no primary key or replica identity: "
                        + String.join(", ", tables.stream().limit(10).toList()) + (tables.size() > 10 ? " …" : "")
                        + " — once published, the source would refuse UPDATE and DELETE on them",
                        "Add a primary key, or ALTER TABLE " + tables.get(0)
                                + " REPLICA IDENTITY FULL (every update then logs the whole old row)");
    }

    private static PreflightPoint publicationRights(Connection c) throws SQLException {
        if (SourceSlot.superuser(c)) {
            return PreflightPoint.pass("publication", "superuser: may publish all tables");
        }
        List<String> foreign = list(c,
                "SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND " + USER_TABLES
                        + " AND NOT pg_has_role(c.relowner, 'USAGE') ORDER BY 1");
        return foreign.isEmpty() ? PreflightPoint.pass("publication", "the role owns every table it will publish")
                : PreflightPoint.fail("publication",
                        "the role does not own " + String.join(", ", foreign.stream().limit(10).toList())
                                + ": only owners (or a superuser) may publish a table",
                        "Use the table owner or the Flex postgres superuser for the source connection");
    }

    private static Optional<PreflightPoint> leftoverSlots(Connection c) throws SQLException {
        List<String> slots = list(c,
                "SELECT slot_name || ' (' || pg_size_pretty(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)) || ')'"
                        + " FROM pg_replication_slots WHERE NOT active AND restart_lsn IS NOT NULL ORDER BY 1");
        return slots.isEmpty() ? Optional.empty()
                : Optional.of(PreflightPoint.warn("idle slots",
                        "inactive slots keep WAL on the source: " + String.join(", ", slots),
                        "Drop the ones nobody needs: SELECT pg_drop_replication_slot('name')"));
    }

    private static Optional<PreflightPoint> notStreamed(Connection c) throws SQLException {
        List<String> unlogged = list(c,
                "SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE c.relkind = 'r' AND c.relpersistence = 'u' AND " + USER_TABLES + " ORDER BY 1");
        long largeObjects = Long.parseLong(PgSession.scalar(c, "SELECT count(*) FROM pg_largeobject_metadata"));
        if (unlogged.isEmpty() && largeObjects == 0) {
            return Optional.empty();
        }
        String what = (unlogged.isEmpty() ? "" : "unlogged tables " + String.join(", ", unlogged))
                + (largeObjects == 0 ? "" : (unlogged.isEmpty() ? "" : " and ") + largeObjects + " large objects");
        return Optional.of(PreflightPoint.warn("not streamed",
                what + " are copied once but their later changes are not streamed",
                "Make the tables logged (ALTER TABLE … SET LOGGED), keep large objects unchanged until cutover, or use the full re-dump"));
    }

    /**
     * How the changes will reach the target: its own subscription if its role may create
     * one.
     */
    static PreflightPoint mode(Optional<String> subscriptionRefusal) {
        return subscriptionRefusal.isEmpty()
                ? PreflightPoint.pass("apply mode",
                        "native: the target's role may create a subscription, so the target subscribes itself")
                : PreflightPoint.pass("apply mode",
                        "panel-applied: the target's role may not create subscriptions (" + subscriptionRefusal.get()
                                + "), so the panel decodes the changes and applies them with ordinary SQL");
    }

    static PreflightPoint createRight(Connection target) throws SQLException {
        boolean may = "t"
            .equals(PgSession.scalar(target, "SELECT has_database_privilege(current_database(), 'CREATE')"));
        return may
                ? PreflightPoint.pass("target bookkeeping",
                        "may create the schema " + AppliedPosition.SCHEMA + " that records the applied position")
                : PreflightPoint.fail("target bookkeeping",
                        "the target role may not create a schema, where the applied position is recorded",
                        "GRANT CREATE ON DATABASE to the target role (MPG's fly-user has it)");
    }

    static int userTables(Connection c) throws SQLException {
        return Integer.parseInt(
                PgSession.scalar(c, "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE c.relkind IN ('r', 'p') AND " + USER_TABLES));
    }

    private static List<String> list(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

}
