package io.cutover.wizard;

import io.cutover.downtime.DowntimeView;
import io.cutover.execution.RunView;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The cutover as a picture: one bar per step run of the cutover phase on a common time
 * axis, and the measured downtime window behind them. Positions are percentages of the
 * picture's width, so the SVG scales with the page and prints.
 */
public record Timeline(Instant from, Instant to, List<Bar> bars, Bar downtime) {

    public record Bar(String label, String status, double x, double width, Duration duration, Instant start,
            Instant end) {

        /**
         * Short steps in tenths of a second (a cutover is made of them), longer ones as
         * null: the page's own format applies.
         */
        public String tenths() {
            long ms = duration.toMillis();
            return ms < 10_000 ? String.format("%.1fs", ms / 1000.0) : null;
        }
    }

    /** Null when no run of the phase has started yet. */
    static Timeline of(List<RunView> runs, java.util.function.Function<String, String> titles, DowntimeView window) {
        List<RunView> started = runs.stream()
            .filter(r -> r.startedAt() != null)
            .sorted(Comparator.comparing(RunView::startedAt))
            .toList();
        if (started.isEmpty()) {
            return null;
        }
        Instant now = Instant.now();
        Instant from = started.get(0).startedAt();
        Instant to = started.stream()
            .map(r -> r.endedAt() != null ? r.endedAt() : now)
            .max(Comparator.naturalOrder())
            .orElse(now);
        if (window != null) {
            from = min(from, window.startedAt());
            to = max(to, window.endedAt() != null ? window.endedAt() : now);
        }
        double span = Math.max(1, Duration.between(from, to).toMillis());
        Instant t0 = from;
        List<Bar> bars = started.stream()
            .map(r -> bar(titles.apply(r.stepId()), r.status().name().toLowerCase(), r.startedAt(),
                    r.endedAt() != null ? r.endedAt() : now, t0, span))
            .toList();
        Bar down = window == null ? null : bar("downtime", window.running() ? "running" : "measured",
                window.startedAt(), window.endedAt() != null ? window.endedAt() : now, t0, span);
        return new Timeline(from, to, bars, down);
    }

    /** Row height and gaps of the SVG, in its own units (the width is 100 %). */
    public int height() {
        return 28 + bars.size() * 26;
    }

    private static Bar bar(String label, String status, Instant start, Instant end, Instant from, double span) {
        double x = Duration.between(from, start).toMillis() / span * 100;
        double w = Math.max(0.4, Duration.between(start, end).toMillis() / span * 100);
        return new Bar(label, status, round(x), round(Math.min(w, 100 - x)), Duration.between(start, end), start, end);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
