package io.cutover.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.cutover.execution.RunFinished;
import io.cutover.execution.RunStatus;
import io.cutover.migration.StepCompleted;
import io.cutover.signoff.SignOffVoided;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.ActiveProfiles;

/**
 * The audit module alone, fed the events of the modules it listens to: each becomes exactly one
 * line of the trail, with the actor and the words a reader of the trail sees.
 */
@ApplicationModuleTest
@ActiveProfiles("test")
class AuditModuleTest {

    @Autowired
    AuditTrail trail;

    @Test
    void aStepMarkedDoneIsOneLineOfItsMigrationsTrail(Scenario scenario) {
        scenario.publish(new StepCompleted(101L, "backup", "backup-verify", 7L, "operator", null))
                .andWaitForStateChange(() -> trail.forMigration(101L), entries -> !entries.isEmpty())
                .andVerify(entries -> assertThat(entries).extracting(AuditEntry::actor, AuditEntry::action, AuditEntry::details)
                        .containsExactly(tuple("operator", "step.completed", "Step 'backup-verify' (phase 'backup') marked done")));
    }

    @Test
    void aFinishedRunSaysHowItEnded(Scenario scenario) {
        scenario.publish(new RunFinished(102L, 55L, "restore", RunStatus.FAILED, 1, "pg_restore failed", "operator", Instant.now(), true))
                .andWaitForStateChange(() -> trail.forMigration(102L), entries -> !entries.isEmpty())
                .andVerify(entries -> assertThat(entries).extracting(AuditEntry::action, AuditEntry::details)
                        .containsExactly(tuple("run.finished", "Run 55 of step 'restore' ended FAILED (exit 1): pg_restore failed")));
    }

    @Test
    void aVoidedSignOffIsRecordedBySystemWithItsReasonAndTheChainStaysIntact(Scenario scenario) {
        scenario.publish(new SignOffVoided(103L, 9L, "backup-verification", "restore-list", "approver", "backup-verify",
                        "Step 'backup-verify' was done again"))
                .andWaitForStateChange(() -> trail.forMigration(103L), entries -> !entries.isEmpty())
                .andVerify(entries -> {
                    assertThat(entries).extracting(AuditEntry::actor, AuditEntry::action, AuditEntry::details).containsExactly(tuple("system",
                            "signoff.voided", "Voided approver's sign-off on 'restore-list': Step 'backup-verify' was done again"));
                    assertThat(trail.chainIntact()).isTrue();
                });
    }
}
