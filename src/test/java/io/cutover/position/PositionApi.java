package io.cutover.position;

import static io.cutover.TestUsers.as;

import io.cutover.RunApi;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

/** One migration of the guard test runbook, driven through the JSON API. */
class PositionApi {

    static final String APP = "demo-app";

    private final MockMvcTester mvc;

    final RunApi runs;

    final long migration;

    PositionApi(MockMvcTester mvc, RunApi runs, String valuesJson) {
        this.mvc = mvc;
        this.runs = runs;
        this.migration = runs.createMigration("guarded-test", valuesJson);
    }

    /** Runs a step to its end and asserts it succeeded. */
    void run(String step, String confirm) {
        ended(step, runs.start("operator", migration, step, confirm));
    }

    /**
     * The same for a done step of a finished phase, with the explicit yes to running it
     * again.
     */
    void runAgain(String step, String confirm) {
        ended(step,
                mvc.post()
                    .uri("/api/migrations/" + migration + "/steps/" + step + "/runs")
                    .with(as("operator"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"rerun\":true" + (confirm == null ? "" : ",\"confirm\":\"" + confirm + "\"") + "}")
                    .exchange());
    }

    private void ended(String step, MvcTestResult started) {
        if (started.getResponse().getStatus() != 201) {
            throw new AssertionError(
                    "start " + step + " gave " + started.getResponse().getStatus() + ": " + RunApi.content(started));
        }
        JsonNode ended = runs.awaitEnd(runs.body(started).get("id").asLong());
        if (!ended.get("status").asString().equals("SUCCEEDED")) {
            throw new AssertionError(
                    step + " ended " + ended.get("status").asString() + ": " + ended.get("message").asString());
        }
    }

    /** The copy done and its checklist signed: the cutover phase opens. */
    void prepare() {
        run("copy", null);
        MvcTestResult signed = sign("copy-ok");
        if (signed.getResponse().getStatus() != 200) {
            throw new AssertionError("sign copy-ok: " + RunApi.content(signed));
        }
    }

    void cutover() {
        prepare();
        run("stop", APP);
        run("switch", null);
        run("start", APP);
    }

    void rollback() {
        run("back-stop", APP);
        run("back-switch", null);
        run("back-start", APP);
    }

    JsonNode position() {
        return runs.body(mvc.get().uri("/api/migrations/" + migration + "/position").with(as("viewer")).exchange());
    }

    JsonNode step(String stepId) {
        for (JsonNode phase : migration().get("phases")) {
            for (JsonNode s : phase.get("steps")) {
                if (s.get("id").asString().equals(stepId)) {
                    return s;
                }
            }
        }
        throw new AssertionError(stepId);
    }

    JsonNode phase(String phaseId) {
        for (JsonNode phase : migration().get("phases")) {
            if (phase.get("id").asString().equals(phaseId)) {
                return phase;
            }
        }
        throw new AssertionError(phaseId);
    }

    int runCount() {
        return runs.body(mvc.get().uri("/api/migrations/" + migration + "/runs").with(as("viewer")).exchange()).size();
    }

    JsonNode audit() {
        return runs.body(mvc.get().uri("/api/migrations/" + migration + "/audit").with(as("viewer")).exchange());
    }

    MvcTestResult sign(String item) {
        return mvc.post()
            .uri("/api/migrations/" + migration + "/gate-items/" + item + "/sign-off")
            .with(as("approver"))
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"comment\":\"checked\"}")
            .exchange();
    }

    MvcTestResult parameters(String json) {
        return mvc.post()
            .uri("/api/migrations/" + migration + "/parameters")
            .with(as("admin"))
            .contentType(MediaType.APPLICATION_JSON)
            .content(json)
            .exchange();
    }

    MvcTestResult cancel(long runId, String confirm) {
        return mvc.post()
            .uri("/api/runs/" + runId + "/cancel")
            .with(as("operator"))
            .contentType(MediaType.APPLICATION_JSON)
            .content(confirm == null ? "{}" : "{\"confirm\":\"" + confirm + "\"}")
            .exchange();
    }

    private JsonNode migration() {
        return runs.body(mvc.get().uri("/api/migrations/" + migration).with(as("viewer")).exchange());
    }

}
