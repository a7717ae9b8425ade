package io.cutover.verify;

import io.cutover.logstream.ProgressMeter;
import io.cutover.logstream.RunLog;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A verification's progress for the run page's bar. The plain verification counts tables
 * done on each side; the online verification and the re-check inside the downtime count
 * the source's segments, one done when every side that reads its table has. A table read
 * in several parts counts its share of segments (and of bytes) per part done: its block
 * ranges each hold rows of every segment, so a share is the honest figure until the last
 * part. Parts finish on many threads; the bar is updated at most once a second.
 */
final class VerifyProgress {

    /** For verifications that are not a run's step of their own (no bar). */
    static final VerifyProgress NONE = new VerifyProgress(null, "", "", null, false);

    /** The rate looks back this far: verifications are shorter than copies. */
    private static final Duration WINDOW = Duration.ofSeconds(20);

    private static final long EVERY_NANOS = 1_000_000_000L;

    /** One table on one side: its parts, its size, and the parts hashed so far. */
    private record Share(int parts, long size, int weight, AtomicInteger done) {

        long units() {
            return (long) weight * done.get() / parts;
        }

        long bytes() {
            return size * done.get() / parts;
        }
    }

    private final RunLog log;

    private final String label;

    private final String unit;

    /** The source's key ranges, when counting segments; null when counting tables. */
    private final Map<TableRef, Segmentation> plans;

    private final boolean withBytes;

    private final Map<SegmentScan, Map<TableRef, Share>> sides = new ConcurrentHashMap<>();

    /** Segments counted outside any scan (the re-check's key lookups). */
    private final AtomicLong counted = new AtomicLong();

    private volatile ProgressMeter meter;

    private long lastUpdate;

    private VerifyProgress(RunLog log, String label, String unit, Map<TableRef, Segmentation> plans,
            boolean withBytes) {
        this.log = log;
        this.label = label;
        this.unit = unit;
        this.plans = plans;
        this.withBytes = withBytes;
    }

    /** Tables done on both sides, the fraction by the bytes hashed. */
    static VerifyProgress tables(RunLog log) {
        return new VerifyProgress(log, "Tables verified", "tables", null, true);
    }

    /**
     * The source's segments (by {@code plans}) done on every side that reads them; the
     * fraction by bytes when {@code withBytes}, else by segments (when part of the work
     * is not scans, whose bytes are not known).
     */
    static VerifyProgress segments(RunLog log, String label, Map<TableRef, Segmentation> plans, boolean withBytes) {
        return new VerifyProgress(log, label, "segments", plans, withBytes);
    }

    /** A side's tables as its scan cut them, with their sizes; before any is hashed. */
    void planned(SegmentScan side, Map<TableRef, Integer> parts, Map<TableRef, Long> sizes) {
        if (log == null) {
            // NONE is shared by every verification without a bar: it keeps nothing.
            return;
        }
        Map<TableRef, Share> shares = new ConcurrentHashMap<>();
        parts.forEach((t, n) -> shares.put(t, new Share(n, sizes.getOrDefault(t, 0L), weight(t), new AtomicInteger())));
        sides.put(side, shares);
    }

    /**
     * Every side is planned: the bar starts, with {@code extra} segments to be
     * {@link #counted} besides the scans.
     */
    void start(long extra) {
        if (log == null) {
            return;
        }
        long total = extra;
        long bytes = 0;
        for (Map<TableRef, Share> side : sides.values()) {
            bytes += side.values().stream().mapToLong(Share::size).sum();
            total += plans == null ? side.size() : 0;
        }
        if (plans != null) {
            total += sides.values().stream().flatMap(s -> s.keySet().stream()).distinct().mapToLong(this::weight).sum();
        }
        meter = new ProgressMeter(log, label, unit, total, withBytes ? bytes : 0, WINDOW);
        update(true);
    }

    /** A part of a table is hashed on one side ({@code all}: the table is done there). */
    void hashed(SegmentScan side, TableRef table, boolean all) {
        if (log == null) {
            return;
        }
        Share share = sides.getOrDefault(side, Map.of()).get(table);
        if (share != null) {
            if (all) {
                share.done().set(share.parts());
            }
            else {
                share.done().incrementAndGet();
            }
        }
        update(false);
    }

    /** Segments checked outside the scans. */
    void counted(int segments) {
        if (log == null) {
            return;
        }
        counted.addAndGet(segments);
        update(false);
    }

    void finish(boolean succeeded) {
        ProgressMeter m = meter;
        if (m != null) {
            update(true);
            m.finish(succeeded);
        }
    }

    private int weight(TableRef table) {
        if (plans == null) {
            return 1;
        }
        Segmentation plan = plans.get(table);
        return plan == null ? 0 : plan.segments();
    }

    private synchronized void update(boolean now) {
        ProgressMeter m = meter;
        long t = System.nanoTime();
        if (m != null && (now || t - lastUpdate >= EVERY_NANOS)) {
            lastUpdate = t;
            m.update(done(), sides.values().stream().flatMap(s -> s.values().stream()).mapToLong(Share::bytes).sum());
        }
    }

    /** Tables: each side's count. Segments: a table's share done on its slowest side. */
    private long done() {
        long done = counted.get();
        if (plans == null) {
            return done + sides.values().stream().flatMap(s -> s.values().stream()).mapToLong(Share::units).sum();
        }
        Map<TableRef, Long> slowest = new java.util.HashMap<>();
        sides.values().forEach(side -> side.forEach((t, share) -> slowest.merge(t, share.units(), Math::min)));
        return done + slowest.values().stream().mapToLong(Long::longValue).sum();
    }

}
