package io.cutover.downtime;

import java.time.Duration;
import org.springframework.modulith.NamedInterface;

/** Published when a downtime window closes: the site answered again. */
@NamedInterface("events")
public record DowntimeMeasured(long migrationId, long windowId, Duration duration, String siteUrl) {
}
