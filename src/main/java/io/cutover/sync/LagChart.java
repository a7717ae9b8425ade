package io.cutover.sync;

import io.cutover.verify.Sizes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The sync panel's lag chart, laid out on the server so the template only draws it as SVG
 * (no charting script): the lag in bytes over the last window, the newest sample at the
 * right edge. Coordinates are in the SVG's own units ({@link #WIDTH} × {@link #HEIGHT}).
 *
 * @param points the polyline's points, "x,y x,y …"
 * @param yTicks the lag axis: 0, half and the top of the scale
 * @param xTicks the time axis: the window's start, its middle and now
 * @param latestX where the newest sample is drawn
 * @param latestText the newest lag in words, as the chart shows it
 * @param label what a screen reader says for the chart, naming the newest lag
 */
public record LagChart(String points, List<Tick> yTicks, List<Tick> xTicks, double latestX, double latestY,
        String latestText, String label) {

    public static final int WIDTH = 600;

    public static final int HEIGHT = 170;

    static final int LEFT = 64;

    static final int RIGHT = 12;

    static final int TOP = 12;

    static final int BOTTOM = 30;

    /**
     * @param position x of a time tick or y of a lag tick
     */
    public record Tick(double position, String label) {
    }

    /** Where the plot area starts and ends, for the template's axes. */
    public int left() {
        return LEFT;
    }

    public int right() {
        return WIDTH - RIGHT;
    }

    public int top() {
        return TOP;
    }

    public int bottom() {
        return HEIGHT - BOTTOM;
    }

    /** No samples yet (or the stream has ended): there is nothing to draw. */
    static LagChart of(List<LagSamples.Sample> samples, Duration window) {
        if (samples.isEmpty()) {
            return null;
        }
        LagSamples.Sample last = samples.get(samples.size() - 1);
        Instant start = last.at().minus(window);
        long top = scaleTop(samples.stream().mapToLong(LagSamples.Sample::lagBytes).max().orElse(0));
        String points = samples.stream()
            .map(s -> coordinate(x(s.at(), start, window)) + "," + coordinate(y(s.lagBytes(), top)))
            .collect(Collectors.joining(" "));
        List<Tick> yTicks = List.of(new Tick(y(0, top), Sizes.human(0)),
                new Tick(y(top / 2, top), Sizes.human(top / 2)), new Tick(y(top, top), Sizes.human(top)));
        List<Tick> xTicks = List.of(new Tick(LEFT, ago(window)),
                new Tick(x(start.plus(window.dividedBy(2)), start, window), ago(window.dividedBy(2))),
                new Tick(WIDTH - RIGHT, "now"));
        String latest = Sizes.human(last.lagBytes())
                + (last.lagSeconds() != null ? String.format(Locale.ROOT, " · %.1f s", last.lagSeconds()) : "");
        return new LagChart(points, yTicks, xTicks, x(last.at(), start, window), y(last.lagBytes(), top),
                "Lag now: " + latest, "Sync lag over the last " + minutes(window) + ", now " + latest);
    }

    /**
     * The lag axis ends at 1, 2 or 5 times a power of ten of a binary unit (B, kB, MB,
     * GB) at or above the largest sample, at least 1 kB so an idle stream draws a flat
     * line at the bottom.
     */
    static long scaleTop(long largest) {
        long unit = 1;
        while (unit < (1L << 40) && largest >= unit * 1024) {
            unit *= 1024;
        }
        for (long step : new long[] { 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000 }) {
            if (step * unit >= largest) {
                return Math.max(1024, step * unit);
            }
        }
        return unit * 1024;
    }

    private static double x(Instant at, Instant start, Duration window) {
        double share = (double) Duration.between(start, at).toMillis() / window.toMillis();
        return LEFT + (WIDTH - LEFT - RIGHT) * Math.max(0, Math.min(1, share));
    }

    private static double y(long bytes, long top) {
        return TOP + (HEIGHT - TOP - BOTTOM) * (1 - (double) bytes / top);
    }

    /** One decimal is finer than a pixel, and keeps the markup short. */
    private static String coordinate(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String ago(Duration d) {
        long seconds = d.toSeconds();
        if (seconds % 60 == 0) {
            return seconds / 60 + " min ago";
        }
        return seconds > 60 ? seconds / 60 + " min " + seconds % 60 + " s ago" : seconds + " s ago";
    }

    private static String minutes(Duration d) {
        long seconds = d.toSeconds();
        return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
    }

}
