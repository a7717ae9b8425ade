package io.cutover.sync;

import io.cutover.DataPathFixture;
import io.cutover.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A source with the shapes continuous sync must carry — a serial key with a trigger and
 * TOASTed jsonb, a composite key, a table with REPLICA IDENTITY FULL and no key, a table
 * to truncate — and an empty target, owned either by a superuser (native mode) or by a
 * password role that cannot create subscriptions (panel-applied, like MPG's fly-user).
 * Slots, publications and subscriptions a test leaves are dropped before the databases.
 */
final class SyncFixture implements AutoCloseable {

    static final String SCHEMA = """
            CREATE TABLE accounts (id bigserial PRIMARY KEY, owner text NOT NULL, balance numeric(12,2) NOT NULL, meta jsonb,
                updated_at timestamptz NOT NULL DEFAULT now());
            CREATE TABLE balance_log (id bigserial PRIMARY KEY, account_id bigint NOT NULL, old numeric(12,2), new numeric(12,2));
            CREATE FUNCTION log_balance() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              INSERT INTO balance_log (account_id, old, new) VALUES (NEW.id, OLD.balance, NEW.balance);
              NEW.updated_at := now();
              RETURN NEW;
            END $$;
            CREATE TRIGGER accounts_balance BEFORE UPDATE OF balance ON accounts FOR EACH ROW EXECUTE FUNCTION log_balance();
            CREATE TABLE memberships (group_id int NOT NULL, user_id int NOT NULL, role text NOT NULL, PRIMARY KEY (group_id, user_id));
            CREATE TABLE events (at timestamptz NOT NULL, kind text NOT NULL, payload text);
            ALTER TABLE events REPLICA IDENTITY FULL;
            CREATE TABLE scratch (id int PRIMARY KEY, note text);
            INSERT INTO accounts (owner, balance, meta)
              SELECT 'owner ' || g, g % 1000, CASE WHEN g % 50 = 0 THEN jsonb_build_object('bio', repeat(md5(g::text), 200)) ELSE '{}' END
              FROM generate_series(1, 5000) g;
            INSERT INTO memberships SELECT g % 40, g, 'member' FROM generate_series(1, 2000) g;
            INSERT INTO events SELECT now() - g * interval '1 minute', 'seed', md5(g::text) FROM generate_series(1, 3000) g;
            INSERT INTO scratch SELECT g, 'before' FROM generate_series(1, 100) g;
            """;

    final String source;

    final String target;

    final String targetRole;

    final String targetPassword;

    final boolean superuserTarget;

    /**
     * @param superuserTarget true: the target's role is postgres (native mode); false: a
     * plain password role
     */
    SyncFixture(boolean superuserTarget) {
        this(superuserTarget, SCHEMA);
    }

    /**
     * @param schema the source's schema and data
     */
    SyncFixture(boolean superuserTarget, String schema) {
        this.superuserTarget = superuserTarget;
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        this.source = TestDatabases.create("syncsrc");
        TestDatabases.execute(source, schema);
        if (superuserTarget) {
            this.target = TestDatabases.create("synctgt");
            this.targetRole = "postgres";
            this.targetPassword = null;
        }
        else {
            this.targetRole = "cutover_sync_" + suffix;
            this.targetPassword = "Pw-" + UUID.randomUUID();
            TestDatabases.execute("postgres", "CREATE ROLE " + targetRole + " LOGIN PASSWORD '" + targetPassword
                    + "' IN ROLE " + DataPathFixture.PASSWORD_GROUP);
            this.target = "synctgt_" + suffix;
            TestDatabases.execute("postgres", "CREATE DATABASE " + target + " OWNER " + targetRole);
            TestDatabases.execute(target, "ALTER SCHEMA public OWNER TO " + targetRole);
        }
    }

    String valuesJson() {
        return "{\"sourceUrl\":\"" + TestDatabases.url(source) + "\",\"targetUrl\":\"" + targetUrl() + "\"}";
    }

    String targetUrl() {
        return superuserTarget ? TestDatabases.url(target) : "postgres://" + targetRole + ":" + targetPassword + "@"
                + TestDatabases.host() + ":" + TestDatabases.port() + "/" + target;
    }

    Connection source() throws SQLException {
        return TestDatabases.connect(source);
    }

    Connection target() throws SQLException {
        return TestDatabases.connect(target);
    }

    /**
     * Replication slots on the source's database (a stream's slot, or one left behind).
     */
    List<String> slots() throws SQLException {
        return strings(source, "SELECT slot_name FROM pg_replication_slots WHERE database = current_database()");
    }

    List<String> publications() throws SQLException {
        return strings(source, "SELECT pubname FROM pg_publication");
    }

    List<String> subscriptions() throws SQLException {
        return strings(target,
                "SELECT subname FROM pg_subscription WHERE subdbid = (SELECT oid FROM pg_database WHERE datname = current_database())");
    }

    boolean targetHasBookkeeping() throws SQLException {
        return !strings(target, "SELECT nspname FROM pg_namespace WHERE nspname = 'cutover_sync'").isEmpty();
    }

    static String scalar(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /**
     * Rows and an order-independent hash of every row, per table: what equal content
     * means.
     */
    String contentOf(String database, String table) throws SQLException {
        try (Connection c = TestDatabases.connect(database)) {
            return scalar(c,
                    "SELECT count(*) || '/' || coalesce(sum(hashtextextended(t::text, 0)), 0) FROM " + table + " t");
        }
    }

    private static List<String> strings(String database, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = TestDatabases.connect(database);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Override
    public void close() {
        for (String sub : quietly(() -> subscriptions())) {
            TestDatabases.execute(target, "ALTER SUBSCRIPTION " + sub + " DISABLE");
            TestDatabases.execute(target, "ALTER SUBSCRIPTION " + sub + " SET (slot_name = NONE)");
            TestDatabases.execute(target, "DROP SUBSCRIPTION " + sub);
        }
        for (String slot : quietly(() -> slots())) {
            TestDatabases.execute("postgres",
                    "SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots WHERE slot_name = '" + slot
                            + "' AND active_pid IS NOT NULL");
            org.awaitility.Awaitility.await().ignoreExceptions().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
                TestDatabases.execute("postgres", "SELECT pg_drop_replication_slot('" + slot + "')");
                return true;
            });
        }
        TestDatabases.drop(source);
        TestDatabases.drop(target);
        if (!superuserTarget) {
            TestDatabases.execute("postgres", "DROP ROLE IF EXISTS " + targetRole);
        }
    }

    private interface Query {

        List<String> run() throws SQLException;

    }

    private static List<String> quietly(Query q) {
        try {
            return q.run();
        }
        catch (SQLException e) {
            return List.of();
        }
    }

}
