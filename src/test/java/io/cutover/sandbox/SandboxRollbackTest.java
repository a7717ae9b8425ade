package io.cutover.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.json.JsonMapper;

/**
 * The way back: after the cutover, the rollback flow puts the DATABASE_URL captured before attach
 * back in place, and the app answers from the old database again — which the panel checks.
 */
@SandboxTest
class SandboxRollbackTest {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    SandboxSetup sandbox;

    @Autowired
    SandboxProperties properties;

    @Test
    void rollbackPutsTheAppBackOnTheOldDatabase() throws Exception {
        RehearsalDriver drive = new RehearsalDriver(mvc, json, sandbox.flyHome());
        assertThat(drive.phaseState("rollback")).as("no way back is offered before cutover starts").isEqualTo("LOCKED");
        drive.throughCutover();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(RehearsalDriver.site(sandbox.siteUrl())).contains("database=fly-db-"));

        drive.run("rb-scale-down");
        drive.runWith("rb-restore-url", "rollback");
        drive.run("rb-unset-direct", "rb-scale-up", "rb-logs", "rb-verify");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(RehearsalDriver.site(sandbox.siteUrl())).isEqualTo("200 ok database=" + properties.sourceDatabase()
                + " users=" + users()));
        assertThat(drive.phaseState("rollback")).isEqualTo("DONE");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(drive.downtime().get(0).get("status").asString()).isEqualTo("MEASURED"));
    }

    private long users() throws Exception {
        try (var c = io.cutover.TestDatabases.connect(properties.sourceDatabase()); var st = c.createStatement();
                var rs = st.executeQuery("SELECT count(*) FROM users")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
