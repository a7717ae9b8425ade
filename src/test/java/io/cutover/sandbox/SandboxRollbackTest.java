package io.cutover.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * The way back: after the cutover, the rollback flow puts the DATABASE_URL captured
 * before attach back in place, and the app answers from the old database again — which
 * the panel checks.
 */
@SandboxTest
class SandboxRollbackTest {

    @Autowired
    RehearsalDriver drive;

    @Autowired
    MockMvcTester mvc;

    @Autowired
    SandboxSetup sandbox;

    @Autowired
    SandboxNames names;

    @Autowired
    io.cutover.audit.AuditTrail audit;

    @Test
    void rollbackPutsTheAppBackOnTheOldDatabase() throws Exception {
        assertThat(drive.phaseState("rollback")).as("no way back is offered before cutover starts").isEqualTo("LOCKED");
        drive.throughCutover();
        await().atMost(Duration.ofSeconds(30))
            .untilAsserted(() -> assertThat(ByHand.site(sandbox.siteUrl())).contains("database=fly-db-"));
        long onFlexAtTheSwitch = users();
        assertThat(signUp(25)).as("the app writes to the cluster after the switch")
            .startsWith("200 ok database=fly-db-")
            .endsWith(" users=" + (onFlexAtTheSwitch + 25));
        var captured = api("capture");
        assertThat(captured.get("total").asLong()).as("shown live: rows captured on the cluster since the switch")
            .isEqualTo(25);
        assertThat(captured.get("changes").get("public.users").asLong()).isEqualTo(25);
        assertThat(io.cutover.RenderedPage
            .of(mvc.get()
                .uri("/migrations/" + drive.migration + "/freeze-card")
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                    .user("viewer")
                    .roles("VIEWER"))
                .exchange())
            .text()).as("the wizard's card shows the proof and the rows captured")
            .contains("Proof Passed: Nothing was committed on the source after the freeze at ")
            .endsWith("Rows captured since the switch 25 changes public.users: 25");
        var frozen = api("freeze");
        assertThat(frozen.get("state").asString()).as("the cutover proved nothing was written on Flex after its freeze")
            .isEqualTo("PROVEN");
        assertThat(frozen.get("blockedRoles").get(0).asString()).isEqualTo(names.appRole() + " (owns tables)");

        drive.runWith("rb-scale-down", RehearsalDriver.APP);
        drive.runWith("rb-restore-url", "rollback");
        drive.run("rb-unset-direct");
        String replayed = drive.runWith("rb-reverse-replay", null).get("message").asString();
        assertThat(replayed).startsWith("Replayed 25 changes from the cluster onto Flex in ")
            .contains(", moved 1 sequences up (public.users_id_seq: ")
            .contains("counts, checksums and schema are identical");
        assertThat(users()).as("Flex holds the rows the app wrote on the cluster").isEqualTo(onFlexAtTheSwitch + 25);
        assertThat(drive.runWith("rb-sequence-probe", null).get("message").asString())
            .startsWith("Every sequence-backed key on the source is free: ");
        assertThat(drive.runWith("rb-source-unfreeze", null).get("message").asString())
            .as("the cutover's freeze had blocked the app's role on Flex; the app could not log in there again without this")
            .startsWith("Unfroze the source: 1 roles log in again (" + names.appRole() + ")");
        drive.runWith("rb-scale-up", RehearsalDriver.APP);
        drive.run("rb-logs", "rb-verify");

        await().atMost(Duration.ofSeconds(30))
            .untilAsserted(() -> assertThat(ByHand.site(sandbox.siteUrl()))
                .isEqualTo("200 ok database=" + names.sourceDatabase() + " users=" + (onFlexAtTheSwitch + 25)));
        assertThat(signUp(1)).as("the next id on Flex is free: the sequence was moved past the cluster's")
            .isEqualTo("200 ok database=" + names.sourceDatabase() + " users=" + (onFlexAtTheSwitch + 26));
        assertThat(drive.phaseState("rollback")).isEqualTo("DONE");
        assertThat(api("freeze").get("state").asString()).isEqualTo("UNFROZEN");
        assertThat(api("capture").get("installed").asBoolean()).as("the replay removed the capture from the cluster")
            .isFalse();
        assertThat(drive.position().get("state").asString()).isEqualTo("ROLLED_BACK");
        var destroy = drive.start("destroy-old", "fragrant-flower-8144-db");
        assertThat(destroy.getResponse().getStatus()).isEqualTo(409);
        assertThat(drive.body(destroy).get("detail").asString()).contains("rolled back");
        assertThat(drive.phase("decommission").get("closedReason").asString()).contains("rolled back")
            .contains("until a new cutover");
        await().atMost(Duration.ofSeconds(30))
            .untilAsserted(() -> assertThat(drive.downtime().get(0).get("status").asString()).isEqualTo("MEASURED"));
        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(audit.forMigration(drive.migration)
                .stream()
                .filter(e -> e.action().startsWith("capture.") || e.action().equals("freeze.unfrozen"))
                .map(e -> e.action() + ": " + e.details())
                .toList()).as("the capture's start and stop and the unfreeze are each an audit entry")
                .hasSize(3)
                .first()
                .asString()
                .startsWith("capture.started: Started capturing the cluster's changes on "));
        assertThat(audit.forMigration(drive.migration)
            .stream()
            .filter(e -> e.action().startsWith("capture.") || e.action().equals("freeze.unfrozen"))
            .map(e -> e.action() + ": " + e.details())
            .toList()).element(1)
            .asString()
            .matches(
                    "capture\\.stopped: Stopped capturing on \\d+ tables \\(replayed onto Flex; 25 changes captured\\)");
        assertThat(audit.forMigration(drive.migration)
            .stream()
            .filter(e -> e.action().equals("freeze.unfrozen"))
            .map(e -> e.details())
            .toList())
            .containsExactly("Unfroze the source: " + names.appRole() + " log in again, exactly as before the freeze");
    }

    private tools.jackson.databind.JsonNode api(String what) {
        return drive.body(mvc.get()
            .uri("/api/migrations/" + drive.migration + "/" + what)
            .with(io.cutover.TestUsers.as("viewer"))
            .exchange());
    }

    /**
     * The emulated app's sign-up endpoint: it writes to whichever database the app runs
     * on.
     */
    private String signUp(int count) throws Exception {
        var response = java.net.http.HttpClient.newHttpClient()
            .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(sandbox.siteUrl() + "users?count=" + count))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body().strip();
    }

    private long users() throws Exception {
        try (var c = io.cutover.TestDatabases.connect(names.sourceDatabase());
                var st = c.createStatement();
                var rs = st.executeQuery("SELECT count(*) FROM users")) {
            rs.next();
            return rs.getLong(1);
        }
    }

}
