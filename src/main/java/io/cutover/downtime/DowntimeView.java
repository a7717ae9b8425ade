package io.cutover.downtime;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One downtime window.
 *
 * @param status OPEN (writes stopped), WAITING_FOR_SITE (app scaled up, site not
 * answering 200 yet), MEASURED, or SITE_NOT_ANSWERING (gave up waiting; the window stays
 * open in the record)
 * @param phases the parts of the window the panel measured itself (the freeze, its
 * proof), in order
 */
public record DowntimeView(long id, long migrationId, Instant startedAt, Instant endedAt, String siteUrl, String status,
        List<DowntimePhase> phases) {

    public DowntimeView(long id, long migrationId, Instant startedAt, Instant endedAt, String siteUrl, String status) {
        this(id, migrationId, startedAt, endedAt, siteUrl, status, List.of());
    }

    DowntimeView withPhases(List<DowntimePhase> measured) {
        return new DowntimeView(id, migrationId, startedAt, endedAt, siteUrl, status, List.copyOf(measured));
    }

    public boolean running() {
        return endedAt == null;
    }

    public Duration duration() {
        return Duration.between(startedAt, endedAt != null ? endedAt : Instant.now());
    }
}
