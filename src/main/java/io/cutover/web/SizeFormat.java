package io.cutover.web;

/**
 * Formats byte counts for pages as {@code sizes.of(bytes)}: 1024-based, one decimal (12.3
 * MB).
 */
public class SizeFormat {

    private static final String[] UNITS = { "B", "kB", "MB", "GB", "TB" };

    public String of(Long bytes) {
        if (bytes == null) {
            return "—";
        }
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < UNITS.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " B" : String.format("%.1f %s", v, UNITS[u]);
    }

}
