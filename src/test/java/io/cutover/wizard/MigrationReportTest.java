package io.cutover.wizard;

import static io.cutover.TestUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import io.cutover.PanelTest;
import io.cutover.RunApi;
import io.cutover.audit.AuditEntry;
import io.cutover.audit.AuditTrail;
import java.time.Duration;
import java.util.Comparator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.JsonNode;

/**
 * The migration report an auditor keeps: every run, the check results, the sign-offs
 * bound to their runs, and the audit chain's head.
 */
@PanelTest
class MigrationReportTest {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    RunApi runApi;

    @Autowired
    AuditTrail audit;

    @Test
    void theBundleHoldsEveryRunTheSignOffsBoundRunAndTheAuditHead() {
        long migration = runApi.createMigration("exec-test", "{}");
        long query = runApi.runToEnd(migration, "query");
        long proof = runApi.runToEnd(migration, "proof-run");
        assertThat(mvc.post()
            .uri("/api/migrations/" + migration + "/gate-items/proof-ok/sign-off")
            .with(as("approver"))
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"comment\":\"read it\"}")
            .exchange()).hasStatusOk();

        // The audit trail is written after commit, apart from the requests: wait until it
        // holds both runs' ends and the sign-off.
        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(audit.forMigration(migration)).extracting(AuditEntry::action)
                .containsSubsequence("run.finished", "run.finished")
                .contains("signoff.signed"));
        JsonNode bundle = runApi
            .body(mvc.get().uri("/api/migrations/" + migration + "/report").with(as("viewer")).exchange());

        assertThat(bundle.get("runs")).hasSize(2);
        assertThat(bundle.get("runs").get(0).get("run").get("id").asLong()).isEqualTo(query);
        assertThat(bundle.get("runs").get(0).get("result").get("rows").toString())
            .isEqualTo("[[\"1\",\"1\"],[\"2\",\"4\"],[\"3\",\"9\"]]");
        JsonNode signOff = bundle.get("signOffs").get(0);
        assertThat(signOff.get("itemText").asString()).isEqualTo("The run succeeded");
        assertThat(signOff.get("evidenceRuns").get("proof-run").asLong()).isEqualTo(proof);
        String head = audit.forMigration(migration)
            .stream()
            .max(Comparator.comparing(AuditEntry::id))
            .orElseThrow()
            .hash();
        assertThat(bundle.get("auditHead").asString()).isEqualTo(head);
        assertThat(bundle.get("auditChainIntact").asBoolean()).isTrue();

        assertThat(mvc.get().uri("/migrations/" + migration + "/report").with(user("viewer").roles("VIEWER")))
            .hasStatusOk()
            .bodyText()
            .contains("Migration report: ")
            .contains("proof-run: run #" + proof)
            .contains(head)
            .contains("A query — run #" + query + ", succeeded");
    }

}
