package io.cutover.downtime;

import java.time.Duration;
import java.time.Instant;

/**
 * One downtime window.
 *
 * @param status OPEN (writes stopped), WAITING_FOR_SITE (app scaled up, site not answering 200
 *     yet), MEASURED, or SITE_NOT_ANSWERING (gave up waiting; the window stays open in the record)
 */
public record DowntimeView(long id, long migrationId, Instant startedAt, Instant endedAt, String siteUrl, String status) {

    public boolean running() {
        return endedAt == null;
    }

    public Duration duration() {
        return Duration.between(startedAt, endedAt != null ? endedAt : Instant.now());
    }
}
