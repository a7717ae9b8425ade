package io.cutover.downtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.execution.RunFinished;
import io.cutover.execution.RunStatus;
import io.cutover.freeze.FreezeProofJudged;
import io.cutover.freeze.SourceFrozen;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.ActiveProfiles;

/**
 * The downtime module alone, fed the freeze module's events: the freeze of the source and
 * its proof are phases of the window they happen in, each with the duration the freeze
 * measured.
 */
@ApplicationModuleTest
@ActiveProfiles("test")
class DowntimePhaseModuleTest extends SiteUnderWatch {

    @Test
    void theFreezeAndItsProofAreMeasuredPhasesOfTheWindowTheyHappenIn(Scenario scenario) {
        Instant down = Instant.now().minusSeconds(20).truncatedTo(ChronoUnit.MICROS);
        Instant frozeFrom = down.plusMillis(1500);
        Instant provedFrom = down.plusSeconds(9);
        scenario.publish(finished(4L, "scale-down", RunStatus.SUCCEEDED, down))
            .andWaitForStateChange(() -> clock.latest(migration).orElse(null), w -> w != null);
        scenario
            .publish(new SourceFrozen(migration, "0/3000060", List.of("worker"),
                    List.of("worker/oban from 10.0.0.7/32 on app (pid 4242)"), frozeFrom, frozeFrom.plusMillis(412)))
            .andWaitForStateChange(() -> clock.latest(migration).orElseThrow().phases(), phases -> phases.size() == 1);
        scenario
            .publish(new FreezeProofJudged(migration, true,
                    "Nothing was committed on the source after the freeze at 0/3000060", provedFrom,
                    provedFrom.plusMillis(187)))
            .andWaitForStateChange(() -> clock.latest(migration).orElseThrow().phases(), phases -> phases.size() == 2)
            .andVerify(phases -> assertThat(phases)
                .extracting(DowntimePhase::name, DowntimePhase::millis, DowntimePhase::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Freeze of the source", 412L,
                                "roles blocked: 1, sessions ended: 1"),
                        org.assertj.core.groups.Tuple.tuple("Freeze proof", 187L, "passed")));
    }

    @Test
    void aFreezeOutsideAnyWindowIsNoPhase(Scenario scenario) {
        Instant at = Instant.now();
        scenario.publish(new SourceFrozen(migration, "0/3000060", List.of(), List.of(), at, at.plusMillis(80)))
            .andWaitForStateChange(() -> jdbc.queryForObject(
                    "SELECT count(*) FROM event_publication WHERE completion_date IS NOT NULL AND serialized_event LIKE ?",
                    Long.class, "%\"migrationId\":" + migration + ",%\"lsn\"%"), n -> n > 0)
            .andVerify(n -> assertThat(clock.windows(migration)).isEmpty());
    }

    private RunFinished finished(long runId, String stepId, RunStatus status, Instant at) {
        return new RunFinished(migration, runId, stepId, status, status == RunStatus.SUCCEEDED ? 0 : 1, null,
                "operator", at, false);
    }

}
