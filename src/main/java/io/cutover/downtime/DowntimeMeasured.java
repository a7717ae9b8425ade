package io.cutover.downtime;

import java.time.Duration;

/** Published when a downtime window closes: the site answered again. */
public record DowntimeMeasured(long migrationId, long windowId, Duration duration, String siteUrl) {}
