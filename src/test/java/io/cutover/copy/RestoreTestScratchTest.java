package io.cutover.copy;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.DataPathFixture;
import io.cutover.PanelTest;
import io.cutover.RunApi;
import io.cutover.TestDatabases;
import io.cutover.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The restore-test as the backup phase runs it, before any cluster exists: the target
 * names a database that is not there, and the dump is still restored (real pg_restore,
 * real server) into a scratch database on the server the panel controls, counted against
 * the inventory, and dropped.
 */
@PanelTest
class RestoreTestScratchTest {

    @DynamicPropertySource
    static void scratchServer(DynamicPropertyRegistry registry) {
        registry.add("cutover.copy.scratch-server", () -> TestPostgres.logical().url("postgres"));
    }

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    RunApi api;

    DataPathFixture db;

    long migration;

    @BeforeEach
    void databases() {
        db = new DataPathFixture(0.05);
        migration = api.createMigration("datapath-test", "{\"sourceUrl\":\"" + db.sourceUrl() + "\",\"targetUrl\":\""
                + TestPostgres.logical().url("no_cluster_yet_" + db.target) + "\"}");
    }

    @AfterEach
    void drop() {
        db.close();
    }

    @Test
    void theDumpRestoresIntoAScratchDatabaseOfThePanelsOwnServerAndTheCountsEqualTheInventory() throws Exception {
        for (String step : new String[] { "preflight-backup", "table-inventory", "dump-custom" }) {
            assertThat(api.awaitEnd(api.startOk(migration, step)).get("status").asString()).as(step)
                .isEqualTo("SUCCEEDED");
        }
        Map<String, Long> counted = TestDatabases.exactCounts(db.source);

        long run = api.startOk(migration, "restore-test");
        JsonNode ended = api.awaitEnd(run);

        assertThat(ended.get("status").asString()).as(() -> api.log(run)).isEqualTo("SUCCEEDED");
        String server = "PostgreSQL " + serverVersion() + " at 127.0.0.1:" + TestPostgres.logical().port();
        assertThat(ended.get("message").asString()).isEqualTo("The dump restores on " + server + ": " + counted.size()
                + " tables, " + counted.values().stream().mapToLong(Long::longValue).sum()
                + " rows, every count equal to the source; the scratch database was dropped. "
                + "This proves the file is readable and complete: every item of it restored on " + server
                + ", with the counts below. It does not prove"
                + " the cluster takes it (its version, extensions and fly-user's rights are checked by 'Preflight before restore' and the restore"
                + " itself), nor that rows written after the dump are in it.");
        JsonNode rows = json.readTree(ended.get("resultJson").asString()).get("rows");
        assertThat(rows).hasSize(counted.size());
        for (JsonNode row : rows) {
            String expected = Long.toString(counted.get(row.get(0).asString()));
            assertThat(row.get(1).asString()).as("restored %s", row.get(0).asString()).isEqualTo(expected);
            assertThat(row.get(2).asString()).as("inventory of %s", row.get(0).asString()).isEqualTo(expected);
            assertThat(row.get(4).asString()).isEqualTo("equal");
        }
        assertThat(api.log(run)).contains("Dropped the scratch database cutover_restore_test_" + run);
        try (Connection c = TestDatabases.connect("postgres");
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT count(*) FROM pg_database WHERE datname LIKE 'cutover_restore_test_" + run + "'")) {
            rs.next();
            assertThat(rs.getLong(1)).as("the scratch database is gone").isZero();
        }
    }

    private static String serverVersion() throws Exception {
        try (Connection c = TestDatabases.connect("postgres");
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1).replaceAll("\\s.*", "");
        }
    }

}
