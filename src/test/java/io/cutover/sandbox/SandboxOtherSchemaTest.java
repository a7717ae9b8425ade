package io.cutover.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The rehearsal on a database that is not the blog the seed was written for: no users, no
 * posts, but a partitioned table, a domain, an enum, an aggregate, a trigger, views and a
 * materialized view. The data migration walks to its end with the runbook as shipped (the
 * seed's users/posts spot queries say they do not apply), and nothing was created on the
 * target by hand: its catalog holds exactly the source's objects.
 */
@SandboxTest
@TestPropertySource(properties = { "cutover.sandbox.sample-sql=classpath:schemas/every-object.sql",
        "cutover.sandbox.app-table=accounts" })
class SandboxOtherSchemaTest {

    /**
     * Every user object by kind and name: schemas, relations, types, functions,
     * constraints, triggers, extensions.
     */
    private static final String OBJECTS = """
            SELECT 'schema ' || nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'
            UNION ALL SELECT 'relation ' || c.relkind::text || ' ' || n.nspname || '.' || c.relname FROM pg_class c
              JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
            UNION ALL SELECT 'type ' || t.typtype::text || ' ' || n.nspname || '.' || t.typname FROM pg_type t
              JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
            UNION ALL SELECT 'function ' || p.prokind::text || ' ' || n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')'
              FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
            UNION ALL SELECT 'constraint ' || con.contype::text || ' ' || con.conrelid::regclass || ' ' || con.conname FROM pg_constraint con
              JOIN pg_namespace n ON n.oid = con.connamespace WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
            UNION ALL SELECT 'trigger ' || tgrelid::regclass || ' ' || tgname FROM pg_trigger WHERE NOT tgisinternal
            UNION ALL SELECT 'extension ' || extname FROM pg_extension
            ORDER BY 1""";

    @Autowired
    RehearsalDriver drive;

    @Autowired
    SandboxSetup sandbox;

    @Autowired
    SandboxNames names;

    @Test
    void aDatabaseWithoutUsersOrPostsWalksThroughTheDataMigrationAndTheTargetHoldsOnlyTheSourcesObjects()
            throws Exception {
        assertThat(objects(names.sourceDatabase())).as("the source has neither users nor posts")
            .noneMatch(o -> o.endsWith("public.users") || o.endsWith("public.posts"));
        assertThat(ByHand.site(sandbox.siteUrl()))
            .isEqualTo("200 ok database=" + names.sourceDatabase() + " accounts=20");

        drive.throughRestoreAndVerify();
        JsonNode restoreTest = drive.runWith("restore-test", null);
        assertThat(restoreTest.get("message").asString())
            .as("on the rehearsal's own server, not the cluster; accounts and orders (its partitions counted as one)")
            .startsWith("The dump restores on PostgreSQL 15.")
            .contains(": 2 tables, 420 rows, every count equal to the source")
            .contains("the scratch database was dropped");
        JsonNode spot = drive.runWith("spot-checks", null);

        assertThat(spot.get("message").asString()).contains("none different")
            .contains(
                    "does not apply to this database: team query 1 (relation \"users\" does not exist), team query 2 (relation \"posts\" does not exist)");
        assertThat(drive.phaseState("data-migration")).isEqualTo("DONE");
        List<String> done = new ArrayList<>();
        drive.phase("data-migration").get("steps").forEach(s -> {
            if (s.get("done").asBoolean()) {
                done.add(s.get("id").asString());
            }
        });
        assertThat(done).as("every step of the phase that applies to a full re-dump through the private network")
            .containsExactly("connection-test", "preflight-restore", "restore", "analyze-target", "verify",
                    "spot-checks");
        String cluster = "fly-db-" + drive.parameter("clusterId");
        List<String> source = objects(names.sourceDatabase());
        assertThat(source).contains("relation p public.orders", "type d public.positive_amount",
                "type e public.order_status", "function a public.positive_sum(numeric)",
                "relation m public.account_totals", "trigger accounts accounts_touch");
        assertThat(objects(cluster)).as("the target holds the source's objects and nothing else").isEqualTo(source);
    }

    private static List<String> objects(String database) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = TestDatabases.connect(database);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(OBJECTS)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

}
