package io.cutover.execution;

import static io.cutover.TestUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cutover.PanelTest;
import io.cutover.RunApi;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

/**
 * A successful run is the evidence a sign-off binds to; whoever ran a step performed it.
 */
@PanelTest
class RunEvidenceTest {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    RunApi api;

    long migration;

    @BeforeEach
    void migration() {
        migration = api.createMigration("exec-test", "{}");
    }

    @Test
    void successfulRunCompletesTheStepAndALaterRunVoidsItsSignOff() {
        api.runToEnd(migration, "proof-run");
        assertThat(sign("approver", "proof-ok")).hasStatusOk();
        assertThat(phaseState("proof")).isEqualTo("DONE");
        assertThat(api.start("operator", migration, "proof-run", null).getResponse().getStatus())
            .as("a finished step of a finished phase runs again only with an explicit yes")
            .isEqualTo(400);

        api.awaitEnd(api.rerunOk("operator", migration, "proof-run"));

        assertThat(phaseState("proof")).isEqualTo("IN_PROGRESS");
        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(item("proof-ok").get("history").get(0).get("voidReason").asString())
                .contains("done again"));
    }

    @Test
    void failedRunIsNoEvidence() {
        // 'fails' exits 3; nothing may be signed on its strength, and the step stays not
        // done.
        api.runToEnd(migration, "fails");

        JsonNode step = null;
        for (JsonNode s : api.body(mvc.get().uri("/api/migrations/" + migration).with(as("viewer")).exchange())
            .get("phases")
            .get(0)
            .get("steps")) {
            if (s.get("id").asString().equals("fails")) {
                step = s;
            }
        }
        assertThat(step).isNotNull();
        assertThat(step.get("done").asBoolean()).isFalse();
        assertThat(step.get("latestRun").get("status").asString()).isEqualTo("FAILED");
    }

    @Test
    void operatorWhoRanAStepOfTheApprovedPhaseCannotSignItsCriticalGate() {
        api.runToEnd(migration, "proof-run");
        sign("approver", "proof-ok");
        long ranByHybrid = api.rerunOk("hybrid", migration, "proof-run");
        api.awaitEnd(ranByHybrid);
        sign("approver", "proof-ok");

        assertThat(sign("hybrid", "after-go")).hasStatus(403)
            .bodyJson()
            .extractingPath("$.detail")
            .asString()
            .contains("Separation of duties");
        assertThat(sign("approver", "after-go")).hasStatusOk();
        assertThat(sign("approver2", "after-go")).hasStatusOk();
        assertThat(phaseState("after")).isEqualTo("OPEN");
    }

    @Test
    void approverWhoSignedAndThenRunsTheAttestedStepLosesTheSignOffAtOnce() {
        api.runToEnd(migration, "proof-run");
        sign("approver", "proof-ok");
        assertThat(sign("hybrid", "after-go")).hasStatusOk();
        assertThat(sign("approver2", "after-go")).hasStatusOk();
        assertThat(phaseState("after")).isEqualTo("OPEN");

        long run = api.rerunOk("hybrid", migration, "proof-run");

        assertThat(item("after-go").get("signOffs").findValuesAsString("signedBy"))
            .as("counts no more once the run is queued")
            .containsExactly("approver2");
        api.awaitEnd(run);
        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(item("after-go").get("history").get(0).get("voidReason").asString())
                .isEqualTo(
                        "Separation of duties: hybrid signed this and then performed 'Produces evidence', work the checklist approves"));
    }

    private MvcTestResult sign(String user, String item) {
        return mvc.post()
            .uri("/api/migrations/" + migration + "/gate-items/" + item + "/sign-off")
            .with(as(user))
            .contentType(MediaType.APPLICATION_JSON)
            .content("{}")
            .exchange();
    }

    private String phaseState(String phaseId) {
        for (JsonNode p : api.body(mvc.get().uri("/api/migrations/" + migration).with(as("viewer")).exchange())
            .get("phases")) {
            if (p.get("id").asString().equals(phaseId)) {
                return p.get("state").asString();
            }
        }
        throw new AssertionError(phaseId);
    }

    private JsonNode item(String itemId) {
        for (JsonNode p : api.body(mvc.get().uri("/api/migrations/" + migration).with(as("viewer")).exchange())
            .get("phases")) {
            for (JsonNode g : p.get("gates")) {
                for (JsonNode i : g.get("items")) {
                    if (i.get("id").asString().equals(itemId)) {
                        return i;
                    }
                }
            }
        }
        throw new AssertionError(itemId);
    }

}
