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
    SandboxNames names;

    @Test
    void rollbackPutsTheAppBackOnTheOldDatabase() throws Exception {
        RehearsalDriver drive = new RehearsalDriver(mvc, json, sandbox.flyHome());
        assertThat(drive.phaseState("rollback")).as("no way back is offered before cutover starts").isEqualTo("LOCKED");
        drive.throughCutover();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(RehearsalDriver.site(sandbox.siteUrl())).contains("database=fly-db-"));

        drive.runWith("rb-scale-down", RehearsalDriver.APP);
        drive.runWith("rb-restore-url", "rollback");
        drive.run("rb-unset-direct");
        drive.runWith("rb-scale-up", RehearsalDriver.APP);
        drive.run("rb-logs", "rb-verify");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(RehearsalDriver.site(sandbox.siteUrl())).isEqualTo("200 ok database=" + names.sourceDatabase()
                + " users=" + users()));
        assertThat(drive.phaseState("rollback")).isEqualTo("DONE");
        assertThat(drive.position().get("state").asString()).isEqualTo("ROLLED_BACK");
        var destroy = drive.start("destroy-old", "fragrant-flower-8144-db");
        assertThat(destroy.getResponse().getStatus()).isEqualTo(409);
        assertThat(drive.body(destroy).get("detail").asString()).contains("rolled back");
        assertThat(drive.phase("decommission").get("closedReason").asString()).contains("rolled back").contains("until a new cutover");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(drive.downtime().get(0).get("status").asString()).isEqualTo("MEASURED"));
    }

    private long users() throws Exception {
        try (var c = io.cutover.TestDatabases.connect(names.sourceDatabase()); var st = c.createStatement();
                var rs = st.executeQuery("SELECT count(*) FROM users")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
