package io.cutover.downtime;

/**
 * Published when a downtime window opens or changes state short of closing (the app is
 * back and the site is awaited, or the site never answered): pages that show the downtime
 * banner refresh it. A window that closes publishes {@link DowntimeMeasured}.
 */
public record DowntimeChanged(long migrationId, String status) {
}
