package io.cutover.freeze;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The freeze's SQL on the source: block the writers, end their sessions, record the
 * position; and the way back.
 */
final class SourceFreeze {

    /**
     * The panel's sessions name themselves (cutover, cutover-sync, cutover-freeze); its
     * tools keep their own names.
     */
    static final String PANEL_SESSIONS = "(application_name LIKE 'cutover%' OR application_name IN ('pg_dump', 'pg_restore', 'pgcopydb'))";

    static final String MARKER_PREFIX = "cutover-freeze";

    private SourceFreeze() {
    }

    /** What the freeze did, and the source as it stood right after. */
    record Frozen(String panelRole, List<RoleState> blocked, List<EndedSession> ended, String slot, FreezePoint point) {
    }

    /**
     * Blocks the writers, ends their sessions (and the panel role's sessions that are not
     * the panel's), then, with {@code slot} given, creates a decoding slot and emits the
     * panel's marker through it, and reads the freeze point. Roles already blocked by an
     * earlier freeze are in {@code alreadyBlocked} and are not recorded again (their
     * previous state is the earlier record's).
     */
    static Frozen apply(Connection c, String slot, String marker, List<String> alreadyBlocked, Consumer<String> log)
            throws SQLException {
        String panelRole = scalar(c, "SELECT current_user");
        List<RoleState> blocked = new ArrayList<>();
        for (RoleState role : RoleState.writers(c)) {
            if (alreadyBlocked.contains(role.name())) {
                continue;
            }
            execute(c, "ALTER ROLE " + quote(role.name()) + " NOLOGIN");
            blocked.add(role);
            log.accept("Blocked role " + role.name() + " (" + role.reason() + "): NOLOGIN");
        }
        List<String> roles = new ArrayList<>(alreadyBlocked);
        blocked.forEach(r -> roles.add(r.name()));
        List<EndedSession> ended = endSessions(c, roles, log);
        String createdSlot = null;
        if (slot != null) {
            execute(c, "SET statement_timeout = '30s'");
            try (PreparedStatement ps = c
                .prepareStatement("SELECT pg_create_logical_replication_slot(?, 'test_decoding')")) {
                ps.setString(1, slot);
                ps.execute();
            }
            finally {
                execute(c, "SET statement_timeout = 0");
            }
            createdSlot = slot;
            emitMarker(c, marker);
            log.accept("Created decoding slot " + slot
                    + " and wrote the panel's marker: every transaction after it is visible to the proof");
        }
        return new Frozen(panelRole, blocked, ended, createdSlot, FreezePoint.read(c));
    }

    /**
     * Writes the panel's marker into the WAL as a transaction of its own, committed
     * synchronously: its commit flushes the WAL up to it, so decoding then sees every
     * transaction committed before it, also those committed asynchronously
     * (synchronous_commit = off) that were not flushed yet.
     */
    static void emitMarker(Connection c, String marker) throws SQLException {
        execute(c, "SET synchronous_commit = on");
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_logical_emit_message(true, ?, ?)")) {
            ps.setString(1, MARKER_PREFIX);
            ps.setString(2, marker);
            ps.execute();
        }
    }

    /**
     * Ends every session of the blocked roles, on any database (a superuser's session
     * elsewhere could give the login back), and the panel role's other sessions on this
     * database. A session that was authenticating while NOLOGIN was set may still appear:
     * ends until none is left.
     */
    private static List<EndedSession> endSessions(Connection c, List<String> roles, Consumer<String> log)
            throws SQLException {
        List<EndedSession> ended = new ArrayList<>();
        java.util.Set<Integer> signalled = new java.util.HashSet<>();
        long giveUp = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            List<EndedSession> round = EndedSession.blocking(c, roles, PANEL_SESSIONS);
            if (round.isEmpty()) {
                return ended;
            }
            if (System.nanoTime() > giveUp) {
                throw new SQLException(
                        "Sessions of blocked roles are still there 10 s after they were told to end: " + round);
            }
            // Signal all at once, then poll: pg_terminate_backend's own wait sleeps in
            // steps of 100 ms per session.
            for (EndedSession session : round) {
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_terminate_backend(?)")) {
                    ps.setInt(1, session.pid());
                    ps.execute();
                }
                if (signalled.add(session.pid())) {
                    ended.add(session);
                    log.accept("Ended session " + session);
                }
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
    }

    /**
     * Gives each blocked role its login back (the only attribute the freeze changed) and
     * drops the decoding slot.
     */
    static void lift(Connection c, List<RoleState> blocked, String slot, Consumer<String> log) throws SQLException {
        for (RoleState role : blocked) {
            if (role.canLogin()) {
                execute(c, "ALTER ROLE " + quote(role.name()) + " LOGIN");
                log.accept("Role " + role.name() + " may log in again");
            }
        }
        dropSlot(c, slot, log);
    }

    static void dropSlot(Connection c, String slot, Consumer<String> log) throws SQLException {
        if (slot == null) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, slot);
            ps.execute();
        }
        log.accept("Dropped decoding slot " + slot);
    }

    /**
     * The roles whose attributes differ from the freeze's record, one line each; empty
     * when all are back exactly.
     */
    static List<String> notRestored(Connection c, List<RoleState> blocked) throws SQLException {
        List<RoleState> now = RoleState.read(c, blocked.stream().map(RoleState::name).toList());
        List<String> differences = new ArrayList<>();
        for (RoleState was : blocked) {
            RoleState is = now.stream().filter(r -> r.name().equals(was.name())).findFirst().orElse(null);
            if (is == null) {
                differences.add(was.name() + " no longer exists");
            }
            else if (!is.sameAttributes(was)) {
                differences.add(was.name() + " is " + is.attributes() + ", was " + was.attributes());
            }
        }
        return differences;
    }

    /**
     * Every privilege granted on the database, its schemas, tables and sequences: the
     * freeze must leave it as it is. Temporary schemas and tables are left out: the
     * drain's flush creates a temporary table on the frozen source, and with it, the
     * first time for its backend slot, a pg_temp schema that stays.
     */
    static String grants(Connection c) throws SQLException {
        return scalar(c,
                "SELECT md5(coalesce((SELECT datacl::text FROM pg_database WHERE datname = current_database()), '')"
                        + " || coalesce((SELECT string_agg(nspname || coalesce(nspacl::text, ''), ';' ORDER BY nspname) FROM pg_namespace"
                        + " WHERE nspname NOT LIKE 'pg\\_temp\\_%' AND nspname NOT LIKE 'pg\\_toast\\_temp\\_%'), '')"
                        + " || coalesce((SELECT string_agg(c.oid::text || coalesce(relacl::text, ''), ';' ORDER BY c.oid) FROM pg_class c"
                        + " WHERE relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND relpersistence <> 't'), ''))");
    }

    static String scalar(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

}
