package io.cutover.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cutover.audit.AuditEntry;
import io.cutover.audit.AuditTrail;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The whole runbook rehearsed end to end: every phase, every checklist, backups through a
 * created cluster, a verified restore, the cutover with a measured downtime, the app
 * answering from the new database, the post-migration checks and the decommission of the
 * Flex stand-in.
 */
@SandboxTest
class SandboxCutoverTest {

    @Autowired
    RehearsalDriver drive;

    @Autowired
    SandboxSetup sandbox;

    @Autowired
    SandboxNames names;

    @Autowired
    AuditTrail audit;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void rehearsesEveryPhaseAndEndsWithTheAppOnTheNewDatabase() throws Exception {
        assertThat(ByHand.site(sandbox.siteUrl())).contains("database=" + names.sourceDatabase());
        String flexUrl = ByHand.flyctl(sandbox.flyHome(), null, "ssh", "console", "--app", RehearsalDriver.APP, "-C",
                "printenv DATABASE_URL");

        drive.throughCutover();

        assertThat(drive.phaseState("cutover")).isEqualTo("DONE");
        String cluster = drive.parameter("clusterId");
        await().atMost(Duration.ofSeconds(30))
            .untilAsserted(() -> assertThat(ByHand.site(sandbox.siteUrl())).contains("database=fly-db-" + cluster));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode window = drive.downtime().get(0);
            assertThat(window.get("status").asString()).isEqualTo("MEASURED");
            assertThat(window.get("millis").asLong()).as("from writes stopped to the site's first 200")
                .isBetween(1L, 300_000L);
        });

        assertThat(drive.position().get("state").asString()).isEqualTo("ON_MPG");
        String clusterName = drive.parameter("clusterName");
        for (String copy : List.of("final-sync", "restore")) {
            var refused = drive.start(copy, clusterName);
            assertThat(refused.getResponse().getStatus()).as(copy).isEqualTo(409);
            assertThat(drive.body(refused).get("detail").asString()).as(copy)
                .contains("App on MPG")
                .contains("would overwrite the target");
        }
        assertThat(drive.start("sync-start", clusterName).getResponse().getStatus())
            .as("not this strategy's step, and not now")
            .isEqualTo(409);
        assertThat(ByHand.site(sandbox.siteUrl())).as("nothing touched the target")
            .contains("database=fly-db-" + cluster);

        drive.run("app-status", "app-db-errors", "site-check", "connection-health", "long-queries");
        drive.done("monitor-logs");
        drive.sign("approver",
                List.of("ft-login", "ft-posts", "ft-shop", "ft-game", "ft-balances", "ft-new-post", "ft-search"));
        drive.sign("approver", List.of("sc-started", "sc-no-errors", "sc-functional", "sc-connections", "sc-latency"));
        assertThat(drive.position().get("state").asString()).isEqualTo("FINAL");
        drive.run("day1-backup-list", "day1-backup-create", "day1-analyze");
        drive.done("day1-rollback-info");
        drive.run("week1-seq-scans", "week1-pool-usage");
        // PostgreSQL 15 wants the database's name, and REINDEX ... CONCURRENTLY refuses a
        // transaction block: the SQL step runs in autocommit.
        JsonNode reindex = drive.runWith("week1-reindex", null);
        assertThat(reindex.get("argvMasked").asString())
            .isEqualTo("SQL on target: REINDEX DATABASE CONCURRENTLY \"fly-db-" + cluster + "\"");
        assertThat(reindex.get("message").asString()).isEqualTo("Statement finished");
        drive.run("baseline-connections", "baseline-backups");
        drive.done("update-docs");
        drive.run("final-old-backup", "upload-final-backup");
        List<String> decommission = List.of("dc-stable", "dc-final-backup", "dc-final-uploaded");
        drive.sign("approver", decommission);
        drive.sign("approver2", decommission);
        appPointedBackAtFlexByHandBlocksTheDestroy(drive, flexUrl);
        drive.runWith("destroy-old", "fragrant-flower-8144-db");
        drive.run("list-app-secrets");
        assertThat(drive.runWith("reverse-capture-remove", null).get("message").asString())
            .as("the migration is final: the rollback's capture leaves the cluster")
            .startsWith("Stopped capturing: removed the triggers from 6 tables");

        assertThat(drive.position().get("state").asString()).isEqualTo("DECOMMISSIONED");
        for (String phase : List.of("inventory", "backup", "create-cluster", "data-migration", "app-config", "cutover",
                "verification", "day-1", "week-1", "weeks-2-4", "decommission")) {
            assertThat(drive.phaseState(phase)).as(phase).isEqualTo("DONE");
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM run_log WHERE text LIKE '%fm2_org_%'", Long.class))
            .as("the Fly token never reaches a log")
            .isZero();
        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(audit.forMigration(drive.migration)).extracting(AuditEntry::action)
                .contains("run.finished", "signoff.signed", "parameter.captured", "downtime.measured"));
    }

    /**
     * The step history says the app runs on the cluster; someone then puts the Flex URL
     * back by hand (flyctl secrets import, which restarts the machines), where the freeze
     * keeps it from writing. The destroy reads Fly's answer, not the history: refused
     * naming the Flex host, audited; with the cluster's URL back it may run.
     */
    private void appPointedBackAtFlexByHandBlocksTheDestroy(RehearsalDriver drive, String flexUrl) throws Exception {
        String clusterUrl = ByHand.flyctl(sandbox.flyHome(), null, "ssh", "console", "--app", RehearsalDriver.APP, "-C",
                "printenv DATABASE_URL");
        ByHand.flyctl(sandbox.flyHome(), "DATABASE_URL=" + flexUrl, "secrets", "import", "--app", RehearsalDriver.APP);
        // Back on Flex, the app meets the cutover's freeze: the source stays frozen once
        // the migration is final.
        await().atMost(Duration.ofSeconds(30))
            .untilAsserted(() -> assertThat(ByHand.site(sandbox.siteUrl()))
                .isEqualTo("500 FATAL: role \"" + names.appRole() + "\" is not permitted to log in"));
        assertThat(drive.position().get("state").asString()).as("the history alone still says").isEqualTo("FINAL");

        var refused = drive.start("destroy-old", "fragrant-flower-8144-db");

        assertThat(refused.getResponse().getStatus()).isEqualTo(409);
        String flexHost = "fragrant-flower-8144-db.flycast.localhost";
        assertThat(drive.body(refused).get("detail").asString()).startsWith(
                "Refused: 'Destroy the Flex app' destroys the Flex app, and the history says Final: app on MPG, cutover verified, but Fly says otherwise: "
                        + RehearsalDriver.APP + " still points at the Flex database: its running DATABASE_URL names "
                        + flexHost + ".");
        assertThat(drive.body(refused).get("detail").asString())
            .doesNotContain(flexUrl.replaceAll("^[^:]+://[^:]+:([^@]+)@.*$", "$1"));
        assertThat(audit.forMigration(drive.migration)).filteredOn(e -> e.action().equals("action.refused"))
            .extracting(AuditEntry::details)
            .anyMatch(d -> d.startsWith("Refused to run step 'destroy-old': Refused:")
                    && d.contains("names " + flexHost));
        assertThat(drive.position().get("state").asString()).isEqualTo("FINAL");

        ByHand.flyctl(sandbox.flyHome(), "DATABASE_URL=" + clusterUrl, "secrets", "import", "--app",
                RehearsalDriver.APP);
        await().atMost(Duration.ofSeconds(30))
            .untilAsserted(() -> assertThat(ByHand.site(sandbox.siteUrl())).contains("database=fly-db-"));
    }

}
