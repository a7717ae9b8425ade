package io.cutover.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.RenderedPage;
import io.cutover.TestDatabases;
import io.cutover.audit.AuditEntry;
import io.cutover.audit.AuditTrail;
import io.cutover.downtime.DowntimeClock;
import io.cutover.downtime.DowntimePhase;
import java.time.Duration;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * A write the freeze could not block (a cron job logging in with the panel's own role)
 * lands on Flex after the freeze: the proof names it and the switch is refused, until the
 * source is frozen again and copied again.
 */
@SandboxTest
class SandboxFreezeProofTest {

    @Autowired
    RehearsalDriver drive;

    @Autowired
    MockMvcTester mvc;

    @Autowired
    SandboxNames names;

    @Autowired
    AuditTrail audit;

    @Autowired
    DowntimeClock downtime;

    @Test
    void aWriteAfterTheFreezeStopsTheSwitchUntilFrozenAndCopiedAgain() throws Exception {
        drive.throughFreeze();
        drive.runWith("final-sync", drive.parameter("clusterName"));
        Properties cron = new Properties();
        cron.setProperty("user", "postgres");
        cron.setProperty("ApplicationName", "nightly-cron");
        try (Connection c = DriverManager.getConnection(TestDatabases.server().jdbcUrl(names.sourceDatabase()), cron);
                Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO users (email, name) VALUES ('late@example.com', 'Written after the freeze')");

            var proof = drive.run(drive.body(drive.start("freeze-proof", null)).get("id").asLong());
            org.awaitility.Awaitility.await()
                .until(() -> !drive.run(proof.get("id").asLong()).get("status").asString().matches("QUEUED|RUNNING"));
            var ended = drive.run(proof.get("id").asLong());
            assertThat(ended.get("status").asString()).isEqualTo("FAILED");
            assertThat(ended.get("message").asString()).startsWith("Written after the freeze at ")
                .contains(
                        "connected to the frozen source: role postgres (application_name nightly-cron, from 127.0.0.1/32)")
                .contains("The switch is refused");
        }
        drive.run("unset-database-url");
        var attach = drive.start("mpg-attach", null);
        assertThat(attach.getResponse().getStatus()).isEqualTo(409);
        assertThat(drive.body(attach).get("detail").asString()).contains("Prove nothing was written after the freeze");

        drive.run("source-freeze");
        drive.runWith("final-sync", drive.parameter("clusterName"));
        assertThat(drive.runWith("freeze-proof", null).get("message").asString())
            .startsWith("Nothing was committed on the source after the freeze at ");

        // The audit trail has each freeze and each verdict, the failed one naming the
        // writer; the window has them as phases.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var entries = audit.forMigration(drive.migration)
                .stream()
                .filter(e -> e.action().startsWith("freeze."))
                .toList();
            assertThat(entries).extracting(AuditEntry::action)
                .containsExactly("freeze.frozen", "freeze.proof-failed", "freeze.frozen", "freeze.proven");
            assertThat(entries.get(1).details()).startsWith("Freeze proof failed: Written after the freeze at ")
                .contains("role postgres (application_name nightly-cron, from 127.0.0.1/32)");
            assertThat(downtime.latest(drive.migration).orElseThrow().phases())
                .extracting(DowntimePhase::name, DowntimePhase::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Freeze of the source",
                                "roles blocked: 1, sessions ended: 0"),
                        org.assertj.core.groups.Tuple.tuple("Freeze proof", "failed"),
                        org.assertj.core.groups.Tuple.tuple("Freeze of the source",
                                "roles blocked: 1, sessions ended: 0"),
                        org.assertj.core.groups.Tuple.tuple("Freeze proof", "passed"));
        });
        String card = RenderedPage
            .of(mvc.get()
                .uri("/migrations/" + drive.migration + "/freeze-card")
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                    .user("viewer")
                    .roles("VIEWER"))
                .exchange())
            .text();
        assertThat(card).contains("Proof Passed: Nothing was committed on the source after the freeze at ")
            .contains("Rows captured since the switch No capture on the cluster");
    }

}
