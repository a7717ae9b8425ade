package io.cutover.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import io.cutover.emulator.EmulatedFly;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

/**
 * A machine without PgBouncer (the sandbox is pointed at a PgBouncer that does not
 * exist): the start-up says what that costs, the transaction-mode step says it before
 * anyone acts, the emulated dashboard refuses transaction mode naming the package, and
 * the whole rehearsal still runs to a site answering from the new database, its pooler in
 * MPG's default session mode.
 */
@SandboxTest
@TestPropertySource(properties = "cutover.sandbox.pgbouncer=/nonexistent/pgbouncer")
class SandboxWithoutPgBouncerTest {

    @Autowired
    RehearsalDriver drive;

    @Autowired
    MockMvcTester mvc;

    @Autowired
    SandboxSetup sandbox;

    @Autowired
    SandboxTools tools;

    @Test
    void startUpAndTheTransactionModeStepSayWhatIsMissingAndTheRehearsalStillEndsOnTheNewDatabase() throws Exception {
        assertThat(tools.report())
            .contains("Sandbox tools: no PgBouncer ('/nonexistent/pgbouncer'): " + EmulatedFly.NEEDS_PGBOUNCER);
        assertThat(drive.parameter("poolMode")).isEqualTo("session");
        JsonNode step = step(drive.migrationJson(), "pool-mode-transaction");
        assertThat(step.get("notice").get("text").asString())
            .isEqualTo("Sandbox: " + EmulatedFly.NEEDS_PGBOUNCER + "; the rehearsal migration keeps session mode.");
        assertThat(step.get("applicable").asBoolean()).as("not required in session mode").isFalse();
        assertThat(mvc.get()
            .uri("/migrations/" + drive.migration + "/phases/app-config")
            .with(user("viewer").roles("VIEWER"))
            .exchange()).hasStatusOk()
            .bodyText()
            .contains("transaction pool mode cannot be rehearsed: install pgbouncer");

        drive.throughCutover();

        MvcTestResult refused = drive.switchPoolMode("transaction");
        assertThat(refused.getResponse().getStatus()).isEqualTo(409);
        assertThat(refused.getResponse().getContentAsString()).contains(EmulatedFly.NEEDS_PGBOUNCER);
        assertThat(EmulatedFly.clusters(sandbox.flyHome())).singleElement()
            .extracting(EmulatedFly.ClusterView::poolMode)
            .isEqualTo("session");
        String cluster = drive.parameter("clusterId");
        await().atMost(Duration.ofSeconds(30))
            .untilAsserted(
                    () -> assertThat(ByHand.site(sandbox.siteUrl())).startsWith("200 ok database=fly-db-" + cluster));
        assertThat(drive.phaseState("cutover")).isEqualTo("DONE");
    }

    private static JsonNode step(JsonNode migration, String stepId) {
        for (JsonNode phase : migration.get("phases")) {
            for (JsonNode step : phase.get("steps")) {
                if (step.get("id").asString().equals(stepId)) {
                    return step;
                }
            }
        }
        throw new AssertionError("no step " + stepId);
    }

}
