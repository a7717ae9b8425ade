package io.cutover.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.cutover.capture.CaptureStarted;
import io.cutover.capture.CaptureStopped;
import io.cutover.execution.RunFinished;
import io.cutover.freeze.FreezeProofJudged;
import io.cutover.freeze.SourceFrozen;
import io.cutover.freeze.SourceUnfrozen;
import io.cutover.execution.RunStatus;
import io.cutover.migration.StepCompleted;
import io.cutover.signoff.SignOffVoided;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.ActiveProfiles;

/**
 * The audit module alone, fed the events of the modules it listens to: each becomes
 * exactly one line of the trail, with the actor and the words a reader of the trail sees.
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
            .andVerify(entries -> assertThat(entries)
                .extracting(AuditEntry::actor, AuditEntry::action, AuditEntry::details)
                .containsExactly(
                        tuple("operator", "step.completed", "Step 'backup-verify' (phase 'backup') marked done")));
    }

    @Test
    void aFinishedRunSaysHowItEnded(Scenario scenario) {
        scenario
            .publish(new RunFinished(102L, 55L, "restore", RunStatus.FAILED, 1, "pg_restore failed", "operator",
                    Instant.now(), true))
            .andWaitForStateChange(() -> trail.forMigration(102L), entries -> !entries.isEmpty())
            .andVerify(entries -> assertThat(entries).extracting(AuditEntry::action, AuditEntry::details)
                .containsExactly(
                        tuple("run.finished", "Run 55 of step 'restore' ended FAILED (exit 1): pg_restore failed")));
    }

    @Test
    void aVoidedSignOffIsRecordedBySystemWithItsReasonAndTheChainStaysIntact(Scenario scenario) {
        scenario
            .publish(new SignOffVoided(103L, 9L, "backup-verification", "restore-list", "approver", "backup-verify",
                    "Step 'backup-verify' was done again"))
            .andWaitForStateChange(() -> trail.forMigration(103L), entries -> !entries.isEmpty())
            .andVerify(entries -> {
                assertThat(entries).extracting(AuditEntry::actor, AuditEntry::action, AuditEntry::details)
                    .containsExactly(tuple("system", "signoff.voided",
                            "Voided approver's sign-off on 'restore-list': Step 'backup-verify' was done again"));
                assertThat(trail.chainIntact()).isTrue();
            });
    }

    @Test
    void theFreezeItsFailedProofAndTheUnfreezeAreEachTheirOwnLine(Scenario scenario) {
        scenario
            .publish(new SourceFrozen(104L, "0/3000060", List.of("worker"),
                    List.of("worker/oban from 10.0.0.7/32 on app (pid 4242)"), Instant.now(), Instant.now()))
            .andWaitForStateChange(() -> trail.forMigration(104L), entries -> entries.size() == 1);
        scenario
            .publish(new FreezeProofJudged(104L, false,
                    "Written after the freeze at 0/3000060: 1 row inserted in public.jobs; by role worker"
                            + " (application_name nightly-cron, from 127.0.0.1/32)",
                    Instant.now(), Instant.now()))
            .andWaitForStateChange(() -> trail.forMigration(104L), entries -> entries.size() == 2);
        scenario.publish(new SourceUnfrozen(104L, List.of("worker"), List.of()))
            .andWaitForStateChange(() -> trail.forMigration(104L), entries -> entries.size() == 3)
            .andVerify(entries -> assertThat(entries)
                .extracting(AuditEntry::actor, AuditEntry::action, AuditEntry::details)
                .containsExactlyInAnyOrder(tuple("system", "freeze.frozen",
                        "Froze the source at 0/3000060: blocked worker; ended worker/oban from 10.0.0.7/32 on app (pid 4242)"),
                        tuple("system", "freeze.proof-failed",
                                "Freeze proof failed: Written after the freeze at 0/3000060: 1 row inserted in public.jobs;"
                                        + " by role worker (application_name nightly-cron, from 127.0.0.1/32)"),
                        tuple("system", "freeze.unfrozen",
                                "Unfroze the source: worker log in again, exactly as before the freeze")));
    }

    @Test
    void aPassedProofSaysSo(Scenario scenario) {
        scenario
            .publish(new FreezeProofJudged(105L, true,
                    "Nothing was committed on the source after the freeze at 0/3000060", Instant.now(), Instant.now()))
            .andWaitForStateChange(() -> trail.forMigration(105L), entries -> !entries.isEmpty())
            .andVerify(entries -> assertThat(entries).extracting(AuditEntry::action, AuditEntry::details)
                .containsExactly(tuple("freeze.proven",
                        "Freeze proof passed: Nothing was committed on the source after the freeze at 0/3000060")));
    }

    @Test
    void theCapturesStartAndStopAreEachTheirOwnLine(Scenario scenario) {
        scenario.publish(new CaptureStarted(106L, 3))
            .andWaitForStateChange(() -> trail.forMigration(106L), entries -> entries.size() == 1);
        scenario.publish(new CaptureStopped(106L, 3, 10000L, "replayed onto Flex"))
            .andWaitForStateChange(() -> trail.forMigration(106L), entries -> entries.size() == 2)
            .andVerify(entries -> assertThat(entries).extracting(AuditEntry::action, AuditEntry::details)
                .containsExactlyInAnyOrder(
                        tuple("capture.started", "Started capturing the cluster's changes on 3 tables for a rollback"),
                        tuple("capture.stopped",
                                "Stopped capturing on 3 tables (replayed onto Flex; 10000 changes captured)")));
    }

}
