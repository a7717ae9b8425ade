package io.cutover;

import static io.cutover.TestUsers.as;

import java.time.Duration;
import java.util.function.IntSupplier;
import org.awaitility.Awaitility;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Starts and watches runs through the JSON API, as an operator's script would. */
public class RunApi {

    private final MockMvcTester mvc;

    private final JsonMapper json;

    private final IntSupplier port;

    /**
     * @param port the real server's port, for downloads that stream (MockMvc is not made
     * for them)
     */
    public RunApi(MockMvcTester mvc, JsonMapper json, IntSupplier port) {
        this.mvc = mvc;
        this.json = json;
        this.port = port;
    }

    /**
     * Every {@link PanelTest} can inject a RunApi; the port is read when first needed,
     * once the server listens.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class Beans {

        @Bean
        RunApi runApi(MockMvcTester mvc, JsonMapper json, Environment env) {
            return new RunApi(mvc, json, () -> env.getRequiredProperty("local.server.port", Integer.class));
        }

    }

    public long createMigration(String runbookId, String valuesJson) {
        MvcTestResult r = mvc.post()
            .uri("/api/migrations")
            .with(as("admin"))
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\":\"run-" + System.nanoTime() + "\",\"runbookId\":\"" + runbookId + "\",\"values\":"
                    + valuesJson + "}")
            .exchange();
        return body(r).get("id").asLong();
    }

    public MvcTestResult start(String user, long migrationId, String stepId, String confirm) {
        return mvc.post()
            .uri("/api/migrations/" + migrationId + "/steps/" + stepId + "/runs")
            .with(as(user))
            .contentType(MediaType.APPLICATION_JSON)
            .content(confirm == null ? "{}" : "{\"confirm\":\"" + confirm + "\"}")
            .exchange();
    }

    /**
     * Runs a done step of a finished phase again, with the explicit yes the panel asks
     * for.
     */
    public long rerunOk(String user, long migrationId, String stepId) {
        MvcTestResult r = mvc.post()
            .uri("/api/migrations/" + migrationId + "/steps/" + stepId + "/runs")
            .with(as(user))
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"rerun\":true}")
            .exchange();
        if (r.getResponse().getStatus() != 201) {
            throw new AssertionError("rerun " + stepId + " gave " + r.getResponse().getStatus() + ": " + content(r));
        }
        return body(r).get("id").asLong();
    }

    public long startOk(long migrationId, String stepId) {
        MvcTestResult r = start("operator", migrationId, stepId, null);
        if (r.getResponse().getStatus() != 201) {
            throw new AssertionError("start " + stepId + " gave " + r.getResponse().getStatus() + ": " + content(r));
        }
        return body(r).get("id").asLong();
    }

    /**
     * Starts the step as the operator and waits until its run has ended, whatever its
     * status; returns the run's id.
     */
    public long runToEnd(long migrationId, String stepId) {
        long runId = startOk(migrationId, stepId);
        awaitEnd(runId);
        return runId;
    }

    public JsonNode run(long runId) {
        return body(mvc.get().uri("/api/runs/" + runId).with(as("viewer")).exchange()).get("run");
    }

    public JsonNode details(long runId) {
        return body(mvc.get().uri("/api/runs/" + runId).with(as("viewer")).exchange());
    }

    /** Waits until the run has ended and returns it. */
    public JsonNode awaitEnd(long runId) {
        Awaitility.await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> !run(runId).get("status").asString().matches("QUEUED|RUNNING"));
        return run(runId);
    }

    public String status(long runId) {
        return run(runId).get("status").asString();
    }

    public MvcTestResult cancel(String user, long runId) {
        return mvc.post().uri("/api/runs/" + runId + "/cancel").with(as(user)).exchange();
    }

    /** The full log as the download gives it. */
    public String log(long runId) {
        try {
            String auth = java.util.Base64.getEncoder()
                .encodeToString(("viewer:" + io.cutover.TestUsers.PASSWORD).getBytes());
            java.net.http.HttpRequest request = java.net.http.HttpRequest
                .newBuilder(
                        java.net.URI.create("http://localhost:" + port.getAsInt() + "/api/runs/" + runId + "/log.txt"))
                .header("Authorization", "Basic " + auth)
                .build();
            return java.net.http.HttpClient.newHttpClient()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofString())
                .body();
        }
        catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public JsonNode body(MvcTestResult r) {
        return json.readTree(content(r));
    }

    public static String content(MvcTestResult r) {
        try {
            return r.getResponse().getContentAsString();
        }
        catch (Exception e) {
            throw new AssertionError(e);
        }
    }

}
