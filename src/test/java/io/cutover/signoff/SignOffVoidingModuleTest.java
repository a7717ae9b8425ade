package io.cutover.signoff;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.migration.StepCompleted;
import io.cutover.migration.StepsVoided;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.SimpleJdbcInsert;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.ActiveProfiles;

/**
 * The sign-off module alone: a sign-off bound to a step's completion is voided, and says
 * so with a {@link SignOffVoided} event, once that step is done again or stops counting
 * as done.
 */
@ApplicationModuleTest
@ActiveProfiles("test")
class SignOffVoidingModuleTest {

    @Autowired
    SignOffs signOffs;

    @Autowired
    JdbcTemplate jdbc;

    long migration;

    SignOffView signed;

    @BeforeEach
    void approverSignedAgainstTheFirstCompletion() {
        // the migration row the sign-off refers to; the migration module is not part of
        // this test
        migration = new SimpleJdbcInsert(jdbc).withTableName("migration")
            .usingGeneratedKeyColumns("id")
            .executeAndReturnKey(Map.of("name", "m-" + System.nanoTime(), "runbook_id", "gated-test", "runbook_version",
                    1, "created_by", "admin", "created_at", Timestamp.from(Instant.now()), "version", 0))
            .longValue();
        signed = signOffs.record(
                new NewSignOff(migration, "one-exit", "ok-a", "approver", "APPROVER", "checked", Map.of("one-a", 10L)));
    }

    @Test
    void doingTheAttestedStepAgainVoidsTheSignOff(Scenario scenario) {
        scenario.publish(new StepCompleted(migration, "one", "one-a", 11L, "operator", null))
            .andWaitForEventOfType(SignOffVoided.class)
            .matching(e -> e.signOffId() == signed.id())
            .toArriveAndVerify(e -> {
                assertThat(e.signedBy()).isEqualTo("approver");
                assertThat(e.itemId()).isEqualTo("ok-a");
                assertThat(only().voidedAt()).isNotNull();
                assertThat(only().isActive()).isFalse();
            });
    }

    @Test
    void aStepThatStopsCountingAsDoneVoidsItsSignOffsWithTheReason(Scenario scenario) {
        scenario
            .publish(new StepsVoided(migration, List.of("one-a"), "the restore it proved was cancelled", "operator",
                    77L))
            .andWaitForStateChange(() -> only().voidReason(), reason -> reason != null)
            .andVerify(reason -> assertThat(reason)
                .isEqualTo("Step 'one-a' no longer counts as done: the restore it proved was cancelled"));
    }

    private SignOffView only() {
        List<SignOffView> all = signOffs.forMigration(migration);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

}
