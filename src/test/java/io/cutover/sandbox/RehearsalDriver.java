package io.cutover.sandbox;

import static io.cutover.TestUsers.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.emulator.EmulatedFly;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Walks the rehearsal through the JSON API the way the team would: the operator runs
 * steps and marks manual ones done, two approvers who did none of the work sign the
 * checklists. A {@link SandboxTest} has one to autowire; it is made when first wanted,
 * after the sandbox has set up its migration.
 */
@TestComponent
@Lazy
class RehearsalDriver {

    static final List<String> PRE_CUTOVER = List.of("pre-backup-verified", "pre-cluster-running", "pre-rows-match",
            "pre-schema-match", "pre-prepare-unnamed", "pre-direct-url", "pre-release-command",
            "pre-rollback-reviewed");

    /** The app's name, typed to confirm the steps that stop or start it. */
    static final String APP = "blockster-v2";

    private final MockMvcTester mvc;

    private final JsonMapper json;

    private final Path flyHome;

    final long migration;

    /** For a sandbox's context; a test starting a sandbox itself builds its own. */
    @Autowired
    RehearsalDriver(MockMvcTester mvc, JsonMapper json, SandboxSetup sandbox) {
        this(mvc, json, sandbox.flyHome());
    }

    RehearsalDriver(MockMvcTester mvc, JsonMapper json, Path flyHome) {
        this.mvc = mvc;
        this.json = json;
        this.flyHome = flyHome;
        this.migration = body(mvc.get().uri("/api/migrations").with(as("viewer")).exchange()).get(0).get("id").asLong();
    }

    /** Runs each step as the operator and asserts it succeeded, naming its message. */
    void run(String... steps) {
        for (String step : steps) {
            runWith(step, null);
        }
    }

    /** Runs a step proving queued work done (a snapshot, a backup) until it succeeds. */
    void runUntilDone(String step) {
        Awaitility.await()
            .atMost(Duration.ofMinutes(1))
            .pollInterval(Duration.ofSeconds(1))
            .until(() -> attempt(step, null).get("status").asString().equals("SUCCEEDED"));
    }

    JsonNode runWith(String step, String confirm) {
        JsonNode ended = attempt(step, confirm);
        assertThat(ended.get("status").asString()).as("%s: %s", step, ended.get("message").asString())
            .isEqualTo("SUCCEEDED");
        return ended;
    }

    private JsonNode attempt(String step, String confirm) {
        MvcTestResult started = start(step, confirm);
        assertThat(started.getResponse().getStatus()).as("start %s: %s", step, content(started)).isEqualTo(201);
        long run = body(started).get("id").asLong();
        Awaitility.await()
            .atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> !run(run).get("status").asString().matches("QUEUED|RUNNING"));
        return run(run);
    }

    /** Asks to start a step and returns the answer as it is (a refusal included). */
    MvcTestResult start(String step, String confirm) {
        return mvc.post()
            .uri("/api/migrations/" + migration + "/steps/" + step + "/runs")
            .with(as("operator"))
            .contentType(MediaType.APPLICATION_JSON)
            .content(confirm == null ? "{}" : "{\"confirm\":\"" + confirm + "\"}")
            .exchange();
    }

    /** Where the migration is, as the API and every migration page say. */
    JsonNode position() {
        return viewer("/position");
    }

    void done(String... steps) {
        for (String step : steps) {
            postOk("operator", "/steps/" + step + "/complete", "{\"note\":\"done\"}", "mark " + step + " done");
        }
    }

    void sign(String approver, List<String> items) {
        for (String item : items) {
            postOk(approver, "/gate-items/" + item + "/sign-off", "{\"comment\":\"checked\"}",
                    approver + " signs " + item);
        }
    }

    /** Posts JSON under this migration as {@code user} and asserts the 200 it answers. */
    private void postOk(String user, String path, String content, String what) {
        MvcTestResult r = mvc.post()
            .uri("/api/migrations/" + migration + path)
            .with(as(user))
            .contentType(MediaType.APPLICATION_JSON)
            .content(content)
            .exchange();
        assertThat(r.getResponse().getStatus()).as("%s: %s", what, content(r)).isEqualTo(200);
    }

    String phaseState(String phaseId) {
        return phase(phaseId).get("state").asString();
    }

    JsonNode phase(String phaseId) {
        JsonNode m = viewer("");
        for (String list : List.of("phases", "flows")) {
            for (JsonNode p : m.get(list)) {
                if (p.get("id").asString().equals(phaseId)) {
                    return p;
                }
            }
        }
        throw new AssertionError(phaseId);
    }

    String parameter(String id) {
        for (JsonNode p : viewer("/parameters").get("parameters")) {
            if (p.get("id").asString().equals(id)) {
                return p.get("display").asString();
            }
        }
        throw new AssertionError(id);
    }

    JsonNode downtime() {
        return viewer("/downtime");
    }

    /** Up to the app running on the new cluster, the seed's full re-dump in downtime. */
    void throughCutover() {
        throughFreeze();
        runWith("final-sync", parameter("clusterName"));
        run("freeze-proof", "reverse-capture-start", "sequence-probe");
        run("unset-database-url", "mpg-attach", "set-direct-url", "deploy");
        runWith("scale-up", APP);
        run("startup-logs");
    }

    /** The full re-dump's way up to the source frozen, with the app stopped. */
    void throughFreeze() {
        throughCluster();
        run("connection-test", "preflight-restore", "restore", "analyze-target", "verify", "spot-checks");
        throughPreCutover();
        runWith("scale-down", APP);
        run("app-stopped", "source-freeze");
    }

    /**
     * The same with continuous sync: the copy is taken and streamed before downtime,
     * which then only drains the last changes. {@code whileStreaming} runs while the app
     * still writes to the source.
     */
    void throughCutoverWithContinuousSync(Runnable whileStreaming) {
        startContinuousSync();
        whileStreaming.run();
        throughPreCutover();
        run("sync-vacuum");
        runWith("scale-down", APP);
        run("app-stopped", "source-freeze", "sync-drain", "sync-sequences", "sync-verify", "freeze-proof",
                "reverse-capture-start", "sequence-probe");
        run("unset-database-url", "mpg-attach", "set-direct-url", "deploy");
        runWith("scale-up", APP);
        run("startup-logs", "sync-cleanup");
    }

    /**
     * Continuous sync chosen, the cluster made, the copy taken at the slot's snapshot,
     * changes streaming while the app still writes to the source.
     */
    void startContinuousSync() {
        postOk("admin", "/parameters", "{\"syncStrategy\":\"continuous-sync\"}", "choose continuous sync");
        throughCluster();
        run("connection-test", "preflight-restore", "sync-preflight", "sync-start", "analyze-target", "spot-checks");
    }

    private void throughCluster() {
        run("workdir", "token-source-app", "token-app", "token-org", "source-status", "source-config",
                "source-databases", "source-users", "source-machines", "source-volumes", "source-size", "site-baseline",
                "table-inventory");
        run("preflight-backup", "dump-custom", "dump-plain", "verify-backup", "volume-snapshot");
        runUntilDone("volume-snapshot-list");
        run("upload-backups");
        sign("approver", List.of("backup-custom-created", "backup-plain-created", "backup-list-valid",
                "backup-snapshot", "backup-uploaded", "backup-manifest-kept"));
        run("mpg-create");
        typeDirectUrlWithItsPort();
        run("mpg-list", "mpg-status", "mpg-connect", "mpg-backup-create");
        runUntilDone("mpg-backup-list");
    }

    /** Inventory, backups, the cluster, then the full re-dump's restore and verify. */
    void throughRestoreAndVerify() {
        throughCluster();
        run("connection-test", "preflight-restore", "restore", "analyze-target", "verify");
    }

    /** What the team does in Fly's dashboard: Update Pool Mode, here emulated. */
    MvcTestResult switchPoolMode(String mode) {
        return mvc.post()
            .uri("/api/sandbox/clusters/" + parameter("clusterId") + "/pool-mode")
            .with(as("operator"))
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"mode\":\"" + mode + "\"}")
            .exchange();
    }

    JsonNode migrationJson() {
        return viewer("");
    }

    /** What a viewer reads under this migration's API path. */
    private JsonNode viewer(String path) {
        return body(mvc.get().uri("/api/migrations/" + migration + path).with(as("viewer")).exchange());
    }

    /**
     * The runbook derives the direct URLs from the pooled one without a port, as MPG's
     * direct address listens on 5432. The tests' own server listens elsewhere, so the
     * admin types the emulated cluster's direct URL with its port in (for the panel and
     * for the app), as the parameters allow.
     */
    private void typeDirectUrlWithItsPort() {
        String clusterId = parameter("clusterId");
        String direct = EmulatedFly.clusters(flyHome)
            .stream()
            .filter(c -> c.id().equals(clusterId))
            .findFirst()
            .orElseThrow()
            .directUrl();
        postOk("admin", "/parameters",
                json.writeValueAsString(java.util.Map.of("targetDirectUrl", direct, "appDirectUrl", direct)),
                "set the direct URLs");
    }

    private void throughPreCutover() {
        done("ecto-prepare-unnamed", "direct-url-migrations");
        run("app-image", "app-machines", "capture-old-url");
        if (parameter("poolMode").equals("transaction")) {
            MvcTestResult switched = switchPoolMode("transaction");
            assertThat(switched.getResponse().getStatus()).as("Update Pool Mode: %s", content(switched)).isEqualTo(200);
            done("pool-mode-transaction");
        }
        JsonNode probe = runWith("pool-mode", null);
        assertThat(probe.get("message").asString())
            .startsWith(parameter("poolMode").equals("transaction") ? "Transaction pooling" : "Session pooling");
        sign("approver", PRE_CUTOVER);
        sign("approver2", PRE_CUTOVER);
    }

    JsonNode run(long runId) {
        return body(mvc.get().uri("/api/runs/" + runId).with(as("viewer")).exchange()).get("run");
    }

    JsonNode body(MvcTestResult r) {
        return json.readTree(content(r));
    }

    static String content(MvcTestResult r) {
        try {
            return r.getResponse().getContentAsString();
        }
        catch (Exception e) {
            throw new AssertionError(e);
        }
    }

}
