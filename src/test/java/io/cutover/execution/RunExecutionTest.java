package io.cutover.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cutover.PanelTest;
import io.cutover.RunApi;
import io.cutover.shared.PanelProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.JsonNode;

/** Runs of real child processes, as an operator starts them through the API. */
@PanelTest
class RunExecutionTest {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    PanelProperties panel;

    @Autowired
    io.cutover.audit.AuditTrail audit;

    @Autowired
    RunApi api;

    long migration;

    @BeforeEach
    void migration() {
        migration = api.createMigration("exec-test", "{}");
    }

    @Test
    void exitCodeDecidesTheStatus() {
        JsonNode ok = api.awaitEnd(api.startOk(migration, "ok"));
        assertThat(ok.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(ok.get("exitCode").asInt()).isZero();

        JsonNode failed = api.awaitEnd(api.startOk(migration, "fails"));
        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.get("exitCode").asInt()).isEqualTo(3);
        assertThat(failed.get("message").asString()).contains("Exited with code 3");

        JsonNode accepted = api.awaitEnd(api.startOk(migration, "accepts-one"));
        assertThat(accepted.get("status").asString()).as("exit 1 is declared a success for this step")
            .isEqualTo("SUCCEEDED");
    }

    @Test
    void outputIsLoggedWithStdoutAndStderrTaggedAndTheRunsEndIsAudited() {
        long run = api.runToEnd(migration, "ok");

        assertThat(api.log(run)).contains(" out one").contains(" err two").contains(" sys $ bash -c");
        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(audit.forMigration(migration))
                .anySatisfy(e -> assertThat(e.details()).contains("Run " + run + " of step 'ok' ended SUCCEEDED")));
    }

    @Test
    void timeoutEndsTheWholeProcessTree() throws Exception {
        long run = api.startOk(migration, "slow-tree");

        JsonNode ended = api.awaitEnd(run);

        assertThat(ended.get("status").asString()).isEqualTo("TIMED_OUT");
        assertThat(ended.get("message").asString()).contains("Timed out after PT2S");
        long child = Long.parseLong(Files.readString(workdir().resolve("child.pid")).strip());
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(child).map(p -> !p.isAlive()).orElse(true));
    }

    @Test
    void cancelEndsTheWholeProcessTreeAndOnlyOperatorsMayCancel() throws Exception {
        long run = api.startOk(migration, "long-tree");
        Path pidFile = workdir().resolve("long-child.pid");
        await().atMost(Duration.ofSeconds(10))
            .until(() -> Files.exists(pidFile) && !Files.readString(pidFile).isBlank());
        long child = Long.parseLong(Files.readString(pidFile).strip());
        assertThat(ProcessHandle.of(child)).get().matches(ProcessHandle::isAlive);

        assertThat(api.cancel("viewer", run)).hasStatus(403);
        assertThat(api.cancel("operator", run)).hasStatusOk();

        JsonNode ended = api.awaitEnd(run);
        assertThat(ended.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(ended.get("message").asString()).contains("Cancelled by operator");
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(child).map(p -> !p.isAlive()).orElse(true));
    }

    @Test
    void twoSimultaneousStartsGiveExactlyOneRun() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Integer>> presses = List.of("operator", "operator2")
            .stream()
            .map(user -> CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                }
                catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return api.start(user, migration, "long-tree", null).getResponse().getStatus();
            }))
            .toList();
        go.countDown();

        List<Integer> statuses = presses.stream().map(CompletableFuture::join).toList();

        assertThat(statuses).containsExactlyInAnyOrder(201, 409);
        JsonNode runs = api.body(mvc.get()
            .uri("/api/migrations/" + migration + "/runs")
            .with(io.cutover.TestUsers.as("viewer"))
            .exchange());
        assertThat(runs).hasSize(1);
        long run = runs.get(0).get("id").asLong();
        api.cancel("operator", run);
        api.awaitEnd(run);
    }

    @Test
    void aMissingToolFailsAtOnceSayingWhatToInstall() {
        JsonNode ended = api.awaitEnd(api.startOk(migration, "missing-tool"));

        assertThat(ended.get("status").asString()).isEqualTo("FAILED");
        assertThat(ended.get("exitCode").isNull()).isTrue();
        assertThat(ended.get("message").asString()).contains("'definitely-not-installed-tool' is not installed")
            .contains("Install it");
    }

    @Test
    void producedFileBecomesTheArtifactLaterStepsUse() throws Exception {
        api.runToEnd(migration, "produces");

        JsonNode artifacts = api.body(mvc.get()
            .uri("/api/migrations/" + migration + "/artifacts")
            .with(io.cutover.TestUsers.as("viewer"))
            .exchange());
        JsonNode artifact = artifacts.get(0);
        assertThat(artifacts).hasSize(1);
        assertThat(artifact.get("kind").asString()).isEqualTo("out-file");
        assertThat(artifact.get("path").asString()).startsWith("backups/out-").endsWith(".txt");
        byte[] written = Files.readAllBytes(workdir().resolve(artifact.get("path").asString()));
        assertThat(new String(written)).isEqualTo("data\n");
        assertThat(artifact.get("sizeBytes").asLong()).isEqualTo(written.length);
        assertThat(artifact.get("sha256").asString()).isEqualTo(
                java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(written)));
        long reader = api.startOk(migration, "uses-artifact");
        assertThat(api.awaitEnd(reader).get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(api.log(reader)).contains(" out data");
    }

    @Test
    void aStepNeedingAnArtifactNoStepProducedFailsWithWhatToRunFirst() {
        JsonNode ended = api.awaitEnd(api.startOk(migration, "uses-artifact"));

        assertThat(ended.get("status").asString()).isEqualTo("FAILED");
        assertThat(ended.get("message").asString()).contains("no step has produced one yet: run 'Writes a file' first");
    }

    @Test
    void capturedOutputSetsAParameterForLaterSteps() {
        api.runToEnd(migration, "captures");

        JsonNode parameters = api.body(mvc.get()
            .uri("/api/migrations/" + migration + "/parameters")
            .with(io.cutover.TestUsers.as("viewer"))
            .exchange());
        assertThat(parameters.get("parameters").findValuesAsString("display")).contains("mpg-7q2x");
        long user = api.runToEnd(migration, "uses-capture");
        assertThat(api.log(user)).contains(" out cluster mpg-7q2x");
    }

    @Test
    void irreversibleStepRunsOnlyWithTheTypedConfirmation() {
        assertThat(api.start("operator", migration, "guarded", null)).hasStatus(400)
            .bodyJson()
            .extractingPath("$.detail")
            .asString()
            .contains("type demo-app to confirm");
        assertThat(api.start("operator", migration, "guarded", "demo-ap")).hasStatus(400);

        assertThat(api.start("operator", migration, "guarded", "demo-app")).hasStatus(201);
    }

    @Test
    void manualStepsAreNotRunAndViewersCannotRunAnything() {
        assertThat(api.start("operator", migration, "manual", null)).hasStatus(409);
        assertThat(api.start("viewer", migration, "ok", null)).hasStatus(403);
        assertThat(api.start("approver", migration, "ok", null)).hasStatus(403);
    }

    @Test
    void knownFailureShowsItsCauseAndFix() {
        long run = api.runToEnd(migration, "hinty");

        await().atMost(Duration.ofSeconds(5)).until(() -> !api.details(run).get("hints").isEmpty());
        JsonNode hints = api.details(run).get("hints");
        assertThat(hints).singleElement().satisfies(h -> {
            assertThat(h.get("hint").get("id").asString()).isEqualTo("prepared-statement-missing");
            assertThat(h.get("hint").get("fix").asString()).contains("prepare: :unnamed");
            assertThat(h.get("line").asLong()).isPositive();
        });
    }

    private Path workdir() {
        return panel.dataDir().toAbsolutePath().normalize().resolve("migrations").resolve(Long.toString(migration));
    }

}
