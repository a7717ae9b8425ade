package io.cutover.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Formats times for pages as {@code times.of(instant)}; always UTC so a team across zones
 * agrees.
 */
public class TimeFormat {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
        .withZone(ZoneOffset.UTC);

    public String of(Instant instant) {
        return instant == null ? "" : FORMAT.format(instant);
    }

    /** A duration as {@code 1h 02m 03s}. */
    public String duration(Duration d) {
        if (d == null) {
            return "";
        }
        long s = d.toSeconds();
        return s >= 3600 ? String.format("%dh %02dm %02ds", s / 3600, s % 3600 / 60, s % 60)
                : s >= 60 ? String.format("%dm %02ds", s / 60, s % 60) : String.format("%ds", s);
    }

}
