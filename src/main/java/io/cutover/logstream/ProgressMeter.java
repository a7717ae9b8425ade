package io.cutover.logstream;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * How far a long step has come, written to the run's log as progress events (the run
 * page's bar) and, every 10 %, as a plain line. Done never goes back; the rate is taken
 * over a sliding window, so the time left follows what the copy does now rather than what
 * it did in its first minute. The fraction is by bytes when the step knows them (a large
 * table's rows weigh more than a small one's), else by its unit.
 */
public final class ProgressMeter {

    private record Sample(long nanos, long done, long bytesDone) {
    }

    private final RunLog log;

    private final String label;

    private final String unit;

    private final long total;

    private final long bytesTotal;

    private final long windowNanos;

    private final LongSupplier nanoClock;

    private final Deque<Sample> window = new ArrayDeque<>();

    private long done;

    private long bytesDone;

    private int loggedTenths;

    private boolean finished;

    private String lastJson = "";

    /**
     * @param label what the step does, for the bar ("Copying rows")
     * @param unit what {@code total} counts ("rows", "tables")
     * @param bytesTotal the bytes behind {@code total}, or 0 when unknown
     * @param window how far back the rate looks
     */
    public ProgressMeter(RunLog log, String label, String unit, long total, long bytesTotal, Duration window,
            LongSupplier nanoClock) {
        this.log = log;
        this.label = label;
        this.unit = unit;
        this.total = Math.max(0, total);
        this.bytesTotal = Math.max(0, bytesTotal);
        this.windowNanos = window.toNanos();
        this.nanoClock = nanoClock;
    }

    public ProgressMeter(RunLog log, String label, String unit, long total, long bytesTotal, Duration window) {
        this(log, label, unit, total, bytesTotal, window, System::nanoTime);
    }

    /** A new reading: done so far, and the bytes it stands for (0 when unknown). */
    public synchronized void update(long doneNow, long bytesDoneNow) {
        if (finished) {
            return;
        }
        done = Math.min(total, Math.max(done, doneNow));
        bytesDone = Math.min(bytesTotal, Math.max(bytesDone, bytesDoneNow));
        long now = nanoClock.getAsLong();
        window.addLast(new Sample(now, done, bytesDone));
        // Keep one sample older than the window, so the rate always spans all of it.
        while (window.size() > 2 && now - secondOldest().nanos() >= windowNanos) {
            window.removeFirst();
        }
        String json = json("running");
        if (!json.equals(lastJson)) {
            // A stalled copy would otherwise store the same event every sample.
            lastJson = json;
            log.progress(json);
        }
        int tenths = percent() / 10;
        if (tenths > loggedTenths) {
            loggedTenths = tenths;
            log.system(line());
        }
    }

    /**
     * The last event: done (at what was reached, 100 % when the step succeeded) or failed
     * at its last value.
     */
    public synchronized void finish(boolean succeeded) {
        if (finished) {
            return;
        }
        finished = true;
        if (succeeded && loggedTenths < 10) {
            // Where the step ended, unless its 100 % line is in the log already.
            log.system(line());
        }
        log.progress(json(succeeded ? "done" : "failed"));
    }

    public synchronized long done() {
        return done;
    }

    public long total() {
        return total;
    }

    public long bytesTotal() {
        return bytesTotal;
    }

    /** Whole percent done, by bytes when known. */
    public synchronized int percent() {
        double fraction = bytesTotal > 0 ? (double) bytesDone / bytesTotal : total > 0 ? (double) done / total : 0;
        return (int) Math.floor(Math.min(1, fraction) * 100);
    }

    /** Units per second over the window; negative while there is no rate yet. */
    public synchronized double rate() {
        if (window.size() < 2) {
            return -1;
        }
        Sample first = window.getFirst();
        Sample last = window.getLast();
        double seconds = (last.nanos() - first.nanos()) / 1e9;
        return seconds <= 0 ? -1 : (last.done() - first.done()) / seconds;
    }

    /**
     * Seconds left at the window's rate (of bytes when known); negative when it cannot be
     * told yet (no rate, or nothing moved within the window).
     */
    public synchronized long secondsLeft() {
        if (window.size() < 2) {
            return -1;
        }
        Sample first = window.getFirst();
        Sample last = window.getLast();
        double seconds = (last.nanos() - first.nanos()) / 1e9;
        boolean byBytes = bytesTotal > 0;
        double moved = byBytes ? last.bytesDone() - first.bytesDone() : last.done() - first.done();
        if (seconds <= 0 || moved <= 0) {
            return -1;
        }
        double left = byBytes ? bytesTotal - bytesDone : total - done;
        return (long) Math.ceil(left / (moved / seconds));
    }

    private Sample secondOldest() {
        var it = window.iterator();
        it.next();
        return it.next();
    }

    private String json(String state) {
        double rate = rate();
        long eta = secondsLeft();
        return "{\"label\":" + Json.quote(label) + ",\"unit\":" + Json.quote(unit) + ",\"done\":" + done + ",\"total\":"
                + total + ",\"bytesDone\":" + bytesDone + ",\"bytesTotal\":" + bytesTotal + ",\"percent\":"
                + (state.equals("done") ? 100 : percent()) + ",\"rate\":"
                + (rate < 0 ? "null" : Long.toString(Math.round(rate))) + ",\"etaSeconds\":"
                + (eta < 0 || !state.equals("running") ? "null" : Long.toString(eta)) + ",\"state\":\"" + state + "\"}";
    }

    /** "Progress 30 %: 1,234 of 4,000 rows, 12.0 MiB of 40.0 MiB, about 2m 05s left". */
    String line() {
        StringBuilder s = new StringBuilder(
                String.format(Locale.ROOT, "Progress %d %%: %,d of %,d %s", percent(), done, total, unit));
        if (bytesTotal > 0) {
            s.append(", ").append(bytes(bytesDone)).append(" of ").append(bytes(bytesTotal));
        }
        double rate = rate();
        if (rate >= 0) {
            s.append(String.format(Locale.ROOT, ", %,d %s/s", Math.round(rate), unit));
        }
        long eta = secondsLeft();
        if (eta >= 0 && done < total) {
            s.append(", about ").append(duration(eta)).append(" left");
        }
        return s.toString();
    }

    static String bytes(long n) {
        String[] units = { "B", "KiB", "MiB", "GiB", "TiB" };
        double v = n;
        int i = 0;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return i == 0 ? n + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[i]);
    }

    static String duration(long seconds) {
        if (seconds >= 3600) {
            return String.format(Locale.ROOT, "%dh %02dm", seconds / 3600, seconds % 3600 / 60);
        }
        return seconds >= 60 ? String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60) : seconds + "s";
    }

}
