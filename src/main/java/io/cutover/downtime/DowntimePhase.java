package io.cutover.downtime;

import java.time.Duration;
import java.time.Instant;

/**
 * A measured part of a downtime window.
 *
 * @param outcome how it ended, in a few words ("passed", "failed: …")
 */
public record DowntimePhase(String name, Instant startedAt, Instant endedAt, String outcome) {

    public Duration duration() {
        return Duration.between(startedAt, endedAt);
    }

    public long millis() {
        return duration().toMillis();
    }
}
