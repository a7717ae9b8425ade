package io.cutover.downtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.execution.RunFinished;
import io.cutover.execution.RunStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.ActiveProfiles;

/**
 * The downtime module alone, driven by the execution module's events: the seed's "scale
 * down" opens a window when it succeeds, "scale up" closes it at the site's first 200,
 * and the module tells the others with {@link DowntimeMeasured}.
 */
@ApplicationModuleTest
@ActiveProfiles("test")
class DowntimeModuleTest extends SiteUnderWatch {

    @Test
    void theWindowRunsFromScaleDownToTheSitesFirst200(Scenario scenario) {
        // H2 keeps microseconds
        Instant down = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MICROS);
        scenario.publish(finished(1L, "scale-down", RunStatus.SUCCEEDED, down))
            .andWaitForStateChange(() -> clock.latest(migration).orElse(null), w -> w != null)
            .andVerify(window -> {
                assertThat(window.startedAt()).isEqualTo(down);
                assertThat(window.running()).isTrue();
            });

        scenario.publish(finished(2L, "scale-up", RunStatus.SUCCEEDED, Instant.now()))
            .andWaitForEventOfType(DowntimeMeasured.class)
            .matching(e -> e.migrationId() == migration)
            .toArriveAndVerify(measured -> {
                DowntimeView window = clock.latest(migration).orElseThrow();
                assertThat(window.status()).isEqualTo("MEASURED");
                // the stored end is rounded to H2's microseconds, the event's duration is
                // not
                assertThat(measured.duration())
                    .isCloseTo(Duration.between(down, window.endedAt()), Duration.ofNanos(1000))
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(30));
            });
    }

    @Test
    void aFailedScaleDownOpensNoWindow(Scenario scenario) {
        scenario.publish(finished(3L, "scale-down", RunStatus.FAILED, Instant.now()))
            .andWaitForStateChange(() -> jdbc.queryForObject(
                    "SELECT count(*) FROM event_publication WHERE completion_date IS NOT NULL AND serialized_event LIKE ?",
                    Long.class, "%\"runId\":3,%"), n -> n > 0)
            .andVerify(n -> assertThat(clock.windows(migration)).isEmpty());
    }

    private RunFinished finished(long runId, String stepId, RunStatus status, Instant at) {
        return new RunFinished(migration, runId, stepId, status, status == RunStatus.SUCCEEDED ? 0 : 1, null,
                "operator", at, false);
    }

}
