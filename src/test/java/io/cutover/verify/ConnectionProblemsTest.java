package io.cutover.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.DataPathFixture;
import io.cutover.PanelTest;
import io.cutover.RunApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.JsonNode;

/**
 * What an operator is told when a connection cannot work: each cause in its own words.
 */
@PanelTest
class ConnectionProblemsTest {

    @Autowired
    MockMvcTester mvc;

    DataPathFixture db;

    @Autowired
    RunApi api;

    @BeforeEach
    void databases() {
        db = new DataPathFixture(0.01);
    }

    @AfterEach
    void drop() {
        db.close();
    }

    @Test
    void wrongPasswordIsNamedAsSuch() {
        assertThat(db.passwordsEnforced())
            .as("the test server's pg_hba requires passwords for " + DataPathFixture.PASSWORD_GROUP)
            .isTrue();

        JsonNode run = connectionTest(db.targetUrlWithPassword("not-the-password"));

        assertThat(run.get("status").asString()).isEqualTo("FAILED");
        assertThat(run.get("message").asString()).contains("Authentication failed for user '" + db.targetRole + "'")
            .contains("password is wrong")
            .doesNotContain("not-the-password");
    }

    @Test
    void hostWhereNothingListensIsNamedAsSuch() {
        JsonNode run = connectionTest("postgres://nobody@127.0.0.1:1/db");

        assertThat(run.get("status").asString()).isEqualTo("FAILED");
        assertThat(run.get("message").asString()).contains("Nothing answers at 127.0.0.1:1");
    }

    @Test
    void unknownHostIsNamedAsSuch() {
        JsonNode run = connectionTest("postgres://nobody@no-such-host.invalid:5432/db");

        assertThat(run.get("message").asString()).contains("Host 'no-such-host.invalid' cannot be found");
    }

    @Test
    void pooledTargetIsRefusedForTheRestore() {
        long migration = api.createMigration("datapath-test", "{\"sourceUrl\":\"" + db.sourceUrl()
                + "\",\"targetUrl\":\"" + db.targetUrl() + "\",\"pooledUrl\":\"" + db.targetUrl() + "\"}");

        JsonNode run = api.awaitEnd(api.startOk(migration, "preflight-restore"));

        assertThat(run.get("status").asString()).isEqualTo("FAILED");
        assertThat(run.get("message").asString()).contains("direct connection").contains("direct address");
        assertThat(api.log(run.get("id").asLong())).contains("goes through PgBouncer");
    }

    @Test
    void testConnectionActionReportsVersionSizeAndLatency() {
        long migration = api.createMigration("datapath-test",
                "{\"sourceUrl\":\"" + db.sourceUrl() + "\",\"targetUrl\":\"" + db.targetUrl() + "\"}");

        JsonNode probe = api.body(mvc.post()
            .uri("/api/migrations/" + migration + "/connections/sourceUrl/test")
            .with(io.cutover.TestUsers.as("operator"))
            .exchange());

        assertThat(probe.get("ok").asBoolean()).isTrue();
        assertThat(probe.get("serverVersion").asString()).startsWith("15");
        assertThat(probe.get("databaseBytes").asLong()).isPositive();
        assertThat(probe.get("latencyMillis").asLong()).isNotNegative();
    }

    private JsonNode connectionTest(String targetUrl) {
        long migration = api.createMigration("datapath-test",
                "{\"sourceUrl\":\"" + db.sourceUrl() + "\",\"targetUrl\":\"" + targetUrl + "\"}");
        return api.awaitEnd(api.startOk(migration, "connection-test"));
    }

}
