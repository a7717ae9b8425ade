package io.cutover.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cutover.PanelTest;
import io.cutover.audit.AuditEntry;
import io.cutover.audit.AuditTrail;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.json.JsonMapper;

/** The gate rule as a team meets it through the JSON API, on the gate test runbook. */
@PanelTest
class GateRuleApiTest {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    AuditTrail audit;

    GateApi api;

    long id;

    @BeforeEach
    void newMigration() {
        api = new GateApi(mvc, json);
        id = api.createMigration("gated-test");
    }

    @Test
    void actingInALockedPhaseIsRefusedWith409AndChangesNothing() {
        assertThat(api.complete("operator", id, "two-a")).hasStatus(409)
            .bodyJson()
            .extractingPath("$.detail")
            .asString()
            .contains("Phase 'Phase two' is locked");

        assertThat(api.timesDone(id, "two-a")).isZero();
        assertThat(api.phaseState(id, "two")).isEqualTo("LOCKED");
        awaitAudit("action.refused", "two-a");
    }

    @Test
    void signingAChecklistOfALaterPhaseIsRefusedWith409() {
        assertThat(api.sign("approver", id, "go")).hasStatus(409)
            .bodyJson()
            .extractingPath("$.detail")
            .asString()
            .contains("cannot be signed yet");

        assertThat(api.item(id, "go").get("history")).isEmpty();
    }

    @Test
    void phaseOpensOnlyWhenStepsAreDoneAndExitGateSigned() {
        assertThat(api.complete("operator", id, "one-a")).hasStatus(200);
        assertThat(api.phaseState(id, "one")).isEqualTo("IN_PROGRESS");

        assertThat(api.sign("approver", id, "ok-a")).hasStatus(200);
        assertThat(api.phaseState(id, "one")).isEqualTo("IN_PROGRESS");
        assertThat(api.sign("approver", id, "ok-b")).hasStatus(200);

        assertThat(api.phaseState(id, "one")).isEqualTo("DONE");
        assertThat(api.phaseState(id, "two")).as("entry gate still unsigned").isEqualTo("LOCKED");
    }

    @Test
    void evidenceMustBeDoneBeforeItsItemCanBeSigned() {
        assertThat(api.sign("approver", id, "ok-a")).hasStatus(409)
            .bodyJson()
            .extractingPath("$.detail")
            .asString()
            .contains("not done yet")
            .contains("First step");

        assertThat(api.item(id, "ok-a").get("history")).isEmpty();
    }

    @Test
    void criticalGateNeedsTwoDistinctApprovers() {
        finishPhaseOne();
        assertThat(api.sign("approver", id, "go")).hasStatus(200);

        assertThat(api.item(id, "go").get("satisfied").asBoolean()).isFalse();
        assertThat(api.phaseState(id, "two")).isEqualTo("LOCKED");
        assertThat(api.sign("approver", id, "go")).as("the same approver twice").hasStatus(409);

        assertThat(api.sign("approver2", id, "go")).hasStatus(200);
        assertThat(api.phaseState(id, "two")).isEqualTo("OPEN");
        assertThat(api.complete("operator", id, "two-a")).hasStatus(200);
        assertThat(api.phaseState(id, "two")).isEqualTo("DONE");
    }

    @Test
    void whoPerformedAStepOfTheApprovedPhaseCannotSignItsCriticalGate() {
        assertThat(api.complete("hybrid", id, "one-a")).hasStatus(200);
        api.sign("approver", id, "ok-a");
        api.sign("approver", id, "ok-b");

        assertThat(api.sign("hybrid", id, "go")).hasStatus(403)
            .bodyJson()
            .extractingPath("$.detail")
            .asString()
            .contains("Separation of duties");

        assertThat(api.item(id, "go").get("history")).isEmpty();
        awaitAudit("action.refused", "Separation of duties");
    }

    @Test
    void approverWhoSignsAndThenDoesTheApprovedWorkLosesTheSignOff() {
        finishPhaseOne();
        assertThat(api.sign("hybrid", id, "go")).hasStatus(200);
        assertThat(api.sign("approver2", id, "go")).hasStatus(200);
        assertThat(api.phaseState(id, "two")).isEqualTo("OPEN");

        assertThat(api.complete("hybrid", id, "one-b")).as("work of phase one, which 'go' approves").hasStatus(200);

        assertThat(api.item(id, "go").get("signOffs").findValuesAsString("signedBy"))
            .as("only approver2's sign-off still counts")
            .containsExactly("approver2");
        assertThat(api.phaseState(id, "two")).isEqualTo("LOCKED");
        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(api.item(id, "go").get("history").get(0).get("voidReason").asString())
                .isEqualTo(
                        "Separation of duties: hybrid signed this and then performed 'Optional step', work the checklist approves"));
        awaitAudit("signoff.voided", "Voided hybrid's sign-off on 'go': Separation of duties");
        assertThat(api.sign("approver3", id, "go")).as("another approver can replace it").hasStatus(200);
        assertThat(api.phaseState(id, "two")).isEqualTo("OPEN");
    }

    @Test
    void revokedSignOffReclosesTheNextPhaseThatHasNotStarted() {
        finishPhaseOne();
        api.sign("approver", id, "go");
        api.sign("approver2", id, "go");
        assertThat(api.phaseState(id, "two")).isEqualTo("OPEN");

        assertThat(api.revoke("approver", id, "ok-b", "looked again: not good")).hasStatus(200);

        assertThat(api.phaseState(id, "one")).isEqualTo("IN_PROGRESS");
        assertThat(api.phaseState(id, "two")).isEqualTo("LOCKED");
        assertThat(api.complete("operator", id, "two-a")).hasStatus(409);
        awaitAudit("signoff.revoked", "looked again: not good");
    }

    @Test
    void revocationLeavesAPhaseThatHasStartedOpenButSaysWhy() {
        finishPhaseOne();
        api.sign("approver", id, "go");
        api.sign("approver2", id, "go");
        api.complete("operator", id, "two-a");

        api.revoke("approver", id, "ok-b", "second thoughts");

        assertThat(api.phaseState(id, "two")).isEqualTo("DONE");
        assertThat(api.phase(id, "two").get("closedReason").asString())
            .contains("started before an earlier gate was revoked");
        assertThat(api.phaseState(id, "three")).isEqualTo("LOCKED");
    }

    @Test
    void redoingAnEvidenceStepVoidsTheSignOffThatAttestedIt() {
        finishPhaseOne();
        assertThat(api.phaseState(id, "one")).isEqualTo("DONE");

        assertThat(api.complete("operator", id, "one-a")).hasStatus(200);

        assertThat(api.item(id, "ok-a").get("satisfied").asBoolean()).as("stale evidence stops counting at once")
            .isFalse();
        assertThat(api.phaseState(id, "one")).isEqualTo("IN_PROGRESS");
        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(api.item(id, "ok-a").get("history").get(0).get("voidReason").asString())
                .contains("was done again"));
        awaitAudit("signoff.voided", "ok-a");
        assertThat(api.sign("approver", id, "ok-a")).as("the new result can be attested").hasStatus(200);
        assertThat(api.phaseState(id, "one")).isEqualTo("DONE");
    }

    @Test
    void flowOpensOnceItsTriggerPhaseHasStarted() {
        assertThat(api.complete("operator", id, "back-a")).hasStatus(409);
        assertThat(api.phaseState(id, "back")).isEqualTo("LOCKED");

        finishPhaseOne();
        api.sign("approver", id, "go");
        api.sign("approver2", id, "go");
        assertThat(api.phaseState(id, "back")).as("phase two open but not started").isEqualTo("LOCKED");
        api.complete("operator", id, "two-a");

        assertThat(api.phaseState(id, "back")).isEqualTo("OPEN");
        assertThat(api.complete("operator", id, "back-a")).hasStatus(200);
    }

    @Test
    void phaseWithAStablePeriodStaysLockedUntilItHasPassed() {
        finishPhaseOne();
        api.sign("approver", id, "go");
        api.sign("approver2", id, "go");
        api.complete("operator", id, "two-a");

        assertThat(api.phaseState(id, "three")).isEqualTo("LOCKED");
        assertThat(api.phase(id, "three").get("closedReason").asString())
            .endsWith("the stable period of 3 days after 'Phase two' has not passed yet");
        assertThat(java.time.Duration.between(java.time.Instant.now(),
                java.time.Instant.parse(api.phase(id, "three").get("opensAt").asString())))
            .as("the phase says when it opens, once, for the page's countdown")
            .isBetween(java.time.Duration.ofDays(3).minusMinutes(5), java.time.Duration.ofDays(3));
    }

    @Test
    void wrongRoleIsRefusedBeforeTheGateIsAsked() {
        assertThat(api.complete("approver", id, "one-a")).hasStatus(403);
        assertThat(api.sign("operator", id, "ok-b")).hasStatus(403);
        assertThat(api.timesDone(id, "one-a")).isZero();
    }

    private void finishPhaseOne() {
        assertThat(api.complete("operator", id, "one-a")).hasStatus(200);
        assertThat(api.sign("approver", id, "ok-a")).hasStatus(200);
        assertThat(api.sign("approver", id, "ok-b")).hasStatus(200);
    }

    private void awaitAudit(String action, String detail) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<AuditEntry> entries = audit.forMigration(id);
            assertThat(entries).anySatisfy(e -> {
                assertThat(e.action()).isEqualTo(action);
                assertThat(e.details()).contains(detail);
            });
        });
    }

}
