package io.cutover.position;

import static io.cutover.TestUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cutover.PanelTest;
import io.cutover.RunApi;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

/** Destructive steps are guarded by where the migration is now, through the JSON API. */
@PanelTest
class PositionGuardTest {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    RunApi runApi;

    PositionApi api;

    @BeforeEach
    void migration() {
        api = new PositionApi(mvc, runApi, "{}");
    }

    @Test
    void afterTheCutoverACopyOntoTheTargetIsRefusedNamingTheStateAndNothingRuns() {
        assertThat(api.position().get("state").asString()).isEqualTo("ON_FLEX");
        api.cutover();
        assertThat(api.position().get("state").asString()).isEqualTo("ON_MPG");
        assertThat(api.sign("app-ok").getResponse().getStatus()).isEqualTo(200);
        assertThat(api.position().get("state").asString()).as("the phase after the cutover is done").isEqualTo("FINAL");
        int runsBefore = api.runCount();

        for (String step : new String[] { "copy", "final-copy" }) {
            MvcTestResult refused = runApi.start("operator", api.migration, step, null);
            assertThat(refused.getResponse().getStatus()).as(step).isEqualTo(409);
            assertThat(runApi.body(refused).get("detail").asString()).contains("Final: app on MPG")
                .contains("would overwrite the target");
        }

        assertThat(api.runCount()).as("no run was queued, so nothing touched the target").isEqualTo(runsBefore);
        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(api.audit().findValues("action").stream().map(JsonNode::asString))
                .contains("action.refused"));
    }

    @Test
    void afterARollbackTheFlexAppCannotBeDestroyedAndDecommissionSaysWhy() throws Exception {
        api.cutover();
        api.sign("app-ok");
        assertThat(api.phase("decommission").get("state").asString()).isEqualTo("OPEN");
        api.rollback();

        assertThat(api.position().get("state").asString()).isEqualTo("ROLLED_BACK");
        JsonNode decommission = api.phase("decommission");
        assertThat(decommission.get("state").asString()).isEqualTo("LOCKED");
        assertThat(decommission.get("closedReason").asString()).contains("rolled back").contains("until a new cutover");
        MvcTestResult refused = runApi.start("operator", api.migration, "destroy", null);
        assertThat(refused.getResponse().getStatus()).isEqualTo(409);
        assertThat(runApi.body(refused).get("detail").asString()).contains("rolled back");
        String page = mvc.get()
            .uri("/migrations/" + api.migration + "/phases/decommission")
            .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                .user("viewer")
                .roles("VIEWER"))
            .exchange()
            .getResponse()
            .getContentAsString();
        assertThat(page).contains("Rolled back to Flex").contains("until a new cutover");

        api.runAgain("stop", PositionApi.APP);
        api.runAgain("switch", null);
        api.runAgain("start", PositionApi.APP);
        assertThat(api.phase("decommission").get("state").asString()).as("a new cutover opens it again")
            .isEqualTo("OPEN");
    }

    @Test
    void stoppingTheAppWithoutItsTypedConfirmationIsRefused() {
        api.prepare();
        MvcTestResult refused = runApi.start("operator", api.migration, "stop", null);
        assertThat(refused.getResponse().getStatus()).isEqualTo(400);
        assertThat(runApi.body(refused).get("detail").asString()).contains("type " + PositionApi.APP + " to confirm");
        assertThat(runApi.body(refused).get("fieldErrors").get("confirm").asString()).contains(PositionApi.APP);
        assertThat(api.step("stop").get("done").asBoolean()).isFalse();
        assertThat(api.position().get("state").asString()).isEqualTo("ON_FLEX");
    }

    @Test
    void theStrategyIsFrozenOnceTheAppWasStoppedForTheCutover() {
        assertThat(api.parameters("{\"strategy\":\"other\"}").getResponse().getStatus())
            .as("before the cutover it may change")
            .isEqualTo(200);
        api.prepare();
        api.run("stop", PositionApi.APP);

        MvcTestResult refused = api.parameters("{\"strategy\":\"plain\"}");
        assertThat(refused.getResponse().getStatus()).isEqualTo(409);
        assertThat(runApi.body(refused).get("detail").asString())
            .contains("strategy cannot change: the cutover started when 'Stop the app'");
        JsonNode audit = api.audit();
        List<String> refusals = new java.util.ArrayList<>();
        audit.forEach(e -> {
            if (e.get("action").asString().equals("action.refused")) {
                refusals.add(e.get("actor").asString() + ": " + e.get("details").asString());
            }
        });
        assertThat(refusals).as("recorded like the other refusals")
            .hasSize(1)
            .first()
            .asString()
            .startsWith(
                    "admin: Refused to change parameters 'strategy': strategy cannot change: the cutover started when 'Stop the app' was done by operator");
        assertThat(api.parameters("{}").getResponse().getStatus()).as("a save that changes nothing is no refusal")
            .isEqualTo(200);
    }

    @Test
    void afterAFinishedRollbackTheStrategyMayChangeForTheNextCutover() {
        api.cutover();
        assertThat(api.parameters("{\"strategy\":\"other\"}").getResponse().getStatus())
            .as("the app serves from the cluster")
            .isEqualTo(409);
        api.run("back-stop", PositionApi.APP);
        api.run("back-switch", null);
        assertThat(api.parameters("{\"strategy\":\"other\"}").getResponse().getStatus())
            .as("still down in the rollback")
            .isEqualTo(409);
        api.run("back-start", PositionApi.APP);

        assertThat(api.position().get("state").asString()).isEqualTo("ROLLED_BACK");
        assertThat(api.parameters("{\"strategy\":\"other\"}").getResponse().getStatus()).as("back on Flex and serving")
            .isEqualTo(200);
        assertThat(api.step("other-only").get("applicable").asBoolean()).isTrue();
    }

    @Test
    void aCancelledCopyLeavesTheStepNotDoneItsSignOffVoidAndTheTargetPartial() {
        api.prepare();
        assertThat(api.phase("prepare").get("state").asString()).isEqualTo("DONE");
        assertThat(api.parameters("{\"copySeconds\":\"60\"}").getResponse().getStatus()).isEqualTo(200);
        assertThat(runApi.start("operator", api.migration, "copy", null).getResponse().getStatus())
            .as("running a finished step again needs an explicit yes")
            .isEqualTo(400);
        long run = runApi.rerunOk("operator", api.migration, "copy");
        await().atMost(Duration.ofSeconds(30)).until(() -> runApi.log(run).contains("copying"));

        MvcTestResult unconfirmed = api.cancel(run, null);
        assertThat(unconfirmed.getResponse().getStatus()).isEqualTo(400);
        assertThat(runApi.body(unconfirmed).get("detail").asString()).contains("partial copy").contains("Type cancel");
        assertThat(api.cancel(run, "cancel").getResponse().getStatus()).isEqualTo(200);
        assertThat(runApi.awaitEnd(run).get("status").asString()).isEqualTo("CANCELLED");

        assertThat(api.step("copy").get("done").asBoolean()).isFalse();
        JsonNode target = api.position().get("target");
        assertThat(target.get("status").asString()).isEqualTo("PARTIAL");
        assertThat(target.get("description").asString()).contains("partial copy").contains("run " + run);
        assertThat(api.phase("prepare").get("state").asString()).isEqualTo("IN_PROGRESS");
        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(api.audit().findValues("action").stream().map(JsonNode::asString))
                .contains("step.voided", "signoff.voided"));
    }

}
