package io.cutover.wizard;

import io.cutover.downtime.DowntimeView;
import io.cutover.gate.MigrationProgress;
import io.cutover.gate.PhaseProgress;
import io.cutover.gate.PhaseState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * When the follow-up phases are due and when a waiting phase unlocks, in words, for the
 * rail and the phase page. Due dates count from the measured cutover: the end of the
 * latest downtime window, when the app answered again from the new database.
 */
@Component
class PhaseSchedule {

    private static final Duration DAY = Duration.ofDays(1);

    private final Clock clock;

    PhaseSchedule(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param at the due or unlock time, or null while the cutover it counts from is not
     * measured
     * @param text "due in 3 days", "overdue by 1 day", "unlocks in 6 d 4 h", or "due 7
     * days after cutover" before it is measured
     * @param overdue whether the due time has passed with the phase not done
     */
    record Note(Instant at, String text, boolean overdue) {
    }

    /**
     * Phase id to its note, for the phases not done yet that have a due date or wait for
     * a stable period.
     */
    Map<String, Note> notes(MigrationProgress progress, Optional<DowntimeView> latestDowntime) {
        Instant now = clock.instant();
        Optional<Instant> cutover = latestDowntime.map(DowntimeView::endedAt);
        Map<String, Note> notes = new HashMap<>();
        for (PhaseProgress p : progress.phases()) {
            if (p.state() == PhaseState.DONE) {
                continue;
            }
            if (p.opensAt() != null) {
                notes.put(p.phase().id(),
                        new Note(p.opensAt(), "unlocks in " + countdown(Duration.between(now, p.opensAt())), false));
            }
            else if (p.phase().hasDueDate()) {
                int days = p.phase().dueDaysAfterCutover();
                notes.put(p.phase().id(), cutover.map(c -> due(c.plus(Duration.ofDays(days)), now))
                    .orElse(new Note(null, "due " + days(days) + " after cutover", false)));
            }
        }
        return notes;
    }

    /**
     * Whole days, rounded up both ways: anything within the next 24 hours is "due in 1
     * day", anything up to 24 hours late "overdue by 1 day"; the page shows the exact
     * time beside it.
     */
    static Note due(Instant at, Instant now) {
        Duration left = Duration.between(now, at);
        if (left.isZero()) {
            return new Note(at, "due now", false);
        }
        if (left.isNegative()) {
            return new Note(at, "overdue by " + days(ceilDays(left.negated())), true);
        }
        return new Note(at, "due in " + days(ceilDays(left)), false);
    }

    /** "6 d 4 h", "4 h 12 min" or "12 min" (at least one minute). */
    static String countdown(Duration left) {
        long minutes = Math.max(1, (left.toSeconds() + 59) / 60);
        long days = minutes / (24 * 60);
        long hours = minutes / 60 % 24;
        if (days > 0) {
            return days + " d " + hours + " h";
        }
        return hours > 0 ? hours + " h " + minutes % 60 + " min" : minutes + " min";
    }

    private static long ceilDays(Duration d) {
        return (d.toMillis() + DAY.toMillis() - 1) / DAY.toMillis();
    }

    private static String days(long n) {
        return n + (n == 1 ? " day" : " days");
    }

}
