package io.cutover.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.downtime.DowntimeView;
import io.cutover.gate.FreshProgress;
import io.cutover.gate.MigrationProgress;
import io.cutover.gate.PhaseProgress;
import io.cutover.runbook.TestRunbooks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Due dates of the post-migration phases (day 1, week 1, weeks 2-4: 1, 7 and 28 days
 * after the measured cutover) and the decommission countdown, on a fixed clock.
 */
class PhaseScheduleTest {

    private static final Instant NOW = Instant.parse("2026-12-10T12:00:00Z");

    private final PhaseSchedule schedule = new PhaseSchedule(Clock.fixed(NOW, ZoneOffset.UTC));

    private final MigrationProgress seed = FreshProgress.of(TestRunbooks.seed(), 1, id -> "");

    private static Optional<DowntimeView> cutoverEndedAt(Instant end) {
        return Optional.of(new DowntimeView(1, 1, end.minusSeconds(40), end, "https://app", "MEASURED"));
    }

    @Test
    void eachFollowUpPhaseIsDueItsDaysAfterTheMeasuredCutover() {
        Instant cutover = Instant.parse("2026-12-08T18:00:00Z");

        var notes = schedule.notes(seed, cutoverEndedAt(cutover));

        assertThat(notes.get("day-1"))
            .isEqualTo(new PhaseSchedule.Note(Instant.parse("2026-12-09T18:00:00Z"), "overdue by 1 day", true));
        assertThat(notes.get("week-1"))
            .isEqualTo(new PhaseSchedule.Note(Instant.parse("2026-12-15T18:00:00Z"), "due in 6 days", false));
        assertThat(notes.get("weeks-2-4"))
            .isEqualTo(new PhaseSchedule.Note(Instant.parse("2027-01-05T18:00:00Z"), "due in 27 days", false));
        assertThat(notes).as("phases without a due date or a stable period have no note")
            .doesNotContainKeys("inventory", "cutover", "decommission");
    }

    @Test
    void beforeTheCutoverIsMeasuredTheOffsetIsNamed() {
        var notes = schedule.notes(seed, Optional.empty());

        assertThat(notes.get("day-1")).isEqualTo(new PhaseSchedule.Note(null, "due 1 day after cutover", false));
        assertThat(notes.get("week-1").text()).isEqualTo("due 7 days after cutover");
    }

    @Test
    void daysAreRoundedUpBothWays() {
        assertThat(PhaseSchedule.due(NOW.plusSeconds(60), NOW).text()).isEqualTo("due in 1 day");
        assertThat(PhaseSchedule.due(NOW.plus(Duration.ofHours(24)), NOW).text()).isEqualTo("due in 1 day");
        assertThat(PhaseSchedule.due(NOW.plus(Duration.ofHours(25)), NOW).text()).isEqualTo("due in 2 days");
        assertThat(PhaseSchedule.due(NOW, NOW).text()).isEqualTo("due now");
        assertThat(PhaseSchedule.due(NOW.minusSeconds(1), NOW))
            .extracting(PhaseSchedule.Note::text, PhaseSchedule.Note::overdue)
            .containsExactly("overdue by 1 day", true);
        assertThat(PhaseSchedule.due(NOW.minus(Duration.ofDays(3)), NOW).text()).isEqualTo("overdue by 3 days");
    }

    @Test
    void aWaitingPhaseCountsDownToItsUnlockOnce() {
        Instant opens = NOW.plus(Duration.ofDays(6).plusHours(4).plusMinutes(30));
        MigrationProgress waiting = new MigrationProgress(1, seed.phases()
            .stream()
            .map(p -> p.phase().id().equals("decommission")
                    ? new PhaseProgress(p.phase(), p.state(), p.steps(), p.gates(), p.closedReason(), opens) : p)
            .toList(), seed.flows());

        assertThat(schedule.notes(waiting, Optional.empty()).get("decommission"))
            .isEqualTo(new PhaseSchedule.Note(opens, "unlocks in 6 d 4 h", false));
    }

    @Test
    void theCountdownShowsTheTwoLargestUnits() {
        assertThat(PhaseSchedule.countdown(Duration.ofDays(6).plusHours(4))).isEqualTo("6 d 4 h");
        assertThat(PhaseSchedule.countdown(Duration.ofHours(4).plusMinutes(12))).isEqualTo("4 h 12 min");
        assertThat(PhaseSchedule.countdown(Duration.ofMinutes(11).plusSeconds(1))).isEqualTo("12 min");
        assertThat(PhaseSchedule.countdown(Duration.ofSeconds(5))).isEqualTo("1 min");
    }

}
