package io.cutover.verify;

import io.cutover.migration.ExecutionValues;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The verification inside the downtime after an online one. A segment proven equal online
 * and untouched by the stream since is equal now: neither side has changed it (the target
 * changes only through the stream). So per keyed table only the rows the stream touched
 * are compared, by key (or, for a composite key, the segments they fall in), plus the
 * segments the online verification left open; tables without segments, or changed
 * wholesale, are hashed whole.
 */
final class Recheck {

    private final VerifyProperties properties;

    private final java.util.concurrent.Executor executor;

    private final ExecutionValues.Connection source;

    private final ExecutionValues.Connection target;

    private final OnlineBaseline baseline;

    private final TouchedRows touched;

    private final Consumer<String> progress;

    private final VerifyProgress bar;

    private final TableChecksum checksum = TableChecksum.random();

    Recheck(VerifyProperties properties, java.util.concurrent.Executor executor, ExecutionValues.Connection source,
            ExecutionValues.Connection target, OnlineBaseline baseline, TouchedRows touched, Consumer<String> progress,
            VerifyProgress bar) {
        this.properties = properties;
        this.executor = executor;
        this.source = source;
        this.target = target;
        this.baseline = baseline;
        this.touched = touched;
        this.progress = progress;
        this.bar = bar;
    }

    /**
     * A table re-checked in part: the keys the stream changed, the segments hashed again
     * (left open online, or touched when the key is composite), and all it re-checks.
     */
    private record Part(TableRef table, Segmentation plan, Set<String> keys, Set<Integer> hashed, Set<Integer> all) {
    }

    /**
     * Both sides' tables as the report lists them, the rows found differing, and the
     * coverage line.
     */
    record Partial(List<TableStats> source, List<TableStats> target, List<Mismatch> rows, String coverage) {
    }

    VerificationReport run(List<TableRef> sourceTables, List<TableRef> targetTables,
            Function<Partial, VerificationReport> finish) throws Exception {
        try {
            VerificationReport report = recheck(sourceTables, targetTables, finish);
            bar.finish(true);
            return report;
        }
        catch (Exception | Error e) {
            bar.finish(false);
            throw e;
        }
    }

    private VerificationReport recheck(List<TableRef> sourceTables, List<TableRef> targetTables,
            Function<Partial, VerificationReport> finish) throws Exception {
        Set<TableRef> partial = new TreeSet<>();
        for (TableRef t : sourceTables) {
            if (baseline.plans().containsKey(t) && !touched.whole().contains(t) && targetTables.contains(t)
                    && !mostlyOpen(t)) {
                partial.add(t);
            }
        }
        List<TableRef> wholeSource = sourceTables.stream().filter(t -> !partial.contains(t)).toList();
        List<TableRef> wholeTarget = targetTables.stream().filter(t -> !partial.contains(t)).toList();
        Map<TableRef, Segmentation> plans = baseline.plans();
        SegmentScan.Running s = new SegmentScan(source, properties.connectTimeout(), null, checksum, plans)
            .observedBy(bar)
            .start(wholeSource, properties.threads(), executor, line -> progress.accept("source " + line));
        SegmentScan.Running t = new SegmentScan(target, properties.connectTimeout(), null, checksum, plans)
            .observedBy(bar)
            .start(wholeTarget, properties.threads(), executor, line -> progress.accept("target " + line));
        RowLocator locator = new RowLocator(source, null, target, checksum, properties.connectTimeout());
        List<Mismatch> rows = new ArrayList<>();
        List<TableStats> partialStats = new ArrayList<>();
        List<Part> parts = new ArrayList<>();
        for (TableRef table : partial) {
            parts.add(part(table, plans.get(table)));
        }
        int rechecked = parts.stream().mapToInt(p -> p.all().size()).sum();
        // The whole scans' segments: a table read whole on either side is re-checked.
        Set<TableRef> whole = new TreeSet<>(wholeSource);
        whole.addAll(wholeTarget);
        int wholeSegmented = whole.stream().filter(plans::containsKey).mapToInt(w -> plans.get(w).segments()).sum();
        bar.start(rechecked);
        long keysCompared = 0;
        // Every table's changed keys at once: each comparison is a few index lookups per
        // key on both sides, and several small tables one after the other cost their
        // connections' setup each.
        List<java.util.concurrent.CompletableFuture<RowLocator.Located>> byKey = new ArrayList<>();
        for (Part p : parts) {
            byKey.add(p.plan().keyColumns().size() != 1 ? null
                    : java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                        try {
                            return locator.compareKeys(p.table(), p.plan(), p.keys());
                        }
                        catch (SQLException e) {
                            throw new java.util.concurrent.CompletionException(e);
                        }
                    }, executor));
        }
        for (int i = 0; i < parts.size(); i++) {
            Part p = parts.get(i);
            long compared = 0;
            Set<String> named = new HashSet<>();
            if (byKey.get(i) != null) {
                RowLocator.Located located = joined(byKey.get(i));
                rows.addAll(located.mismatches());
                located.mismatches().forEach(m -> named.add(m.object()));
                compared = located.rowsCompared();
                keysCompared += p.keys().size();
            }
            TreeSet<Integer> differing = differingSegments(p.table(), p.plan(), p.hashed());
            if (!differing.isEmpty()) {
                // A key the stream changed in a segment left open online is compared
                // twice, by key and in its segment: it is named once.
                locator.locate(p.table(), p.plan(), differing)
                    .stream()
                    .filter(m -> !named.contains(m.object()))
                    .forEach(rows::add);
            }
            bar.counted(p.all().size());
            progress.accept(p.table() + ": " + p.all().size() + " of " + p.plan().segments() + " segments re-checked"
                    + (p.keys().isEmpty() ? "" : ", " + p.keys().size() + " keys the stream changed"));
            String note = "re-checked " + p.all().size() + " of " + p.plan().segments() + " segments";
            partialStats.add(new TableStats(p.table(), compared, note, 0));
        }
        List<TableStats> sourceStats = new ArrayList<>(s.join());
        List<TableStats> targetStats = new ArrayList<>(t.join());
        Map<TableRef, SegmentSums> ss = s.segments();
        Map<TableRef, SegmentSums> ts = t.segments();
        for (Map.Entry<TableRef, SegmentSums> e : new TreeMap<>(ss).entrySet()) {
            SegmentSums other = ts.get(e.getKey());
            Segmentation plan = plans.get(e.getKey());
            TreeSet<Integer> differing = other == null ? new TreeSet<>() : e.getValue().differing(other);
            if (!differing.isEmpty()) {
                rows.addAll(locator.locate(e.getKey(), plan, differing));
            }
        }
        sourceStats.addAll(partialStats);
        targetStats.addAll(partialStats);
        sourceStats.sort((a, b) -> a.table().compareTo(b.table()));
        targetStats.sort((a, b) -> a.table().compareTo(b.table()));
        int wholeTables = wholeSource.size();
        String coverage = (rechecked + wholeSegmented) + " of " + baseline.segments() + " segments re-checked ("
                + keysCompared + " keys the stream changed compared row by row, " + baseline.unprovenSegments()
                + " segments left open online), " + wholeTables
                + " tables or partitions without segments (or changed wholesale) hashed whole; the rest proven at "
                + baseline.provenAt();
        return finish.apply(new Partial(sourceStats, targetStats, rows, coverage));
    }

    private static <T> T joined(java.util.concurrent.CompletableFuture<T> f) throws SQLException {
        try {
            return f.join();
        }
        catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw e;
        }
    }

    /**
     * What a table re-checked in part reads: by key with a single-column key (and the
     * segments left open), else every segment the stream touched too.
     */
    private Part part(TableRef table, Segmentation plan) throws SQLException {
        Set<String> keys = touched.values(table, plan.segmentColumn());
        TreeSet<Integer> hashed = new TreeSet<>(baseline.unproven(table));
        Set<Integer> touchedSegments = TouchedSegments.of(plan, keys, source, properties.connectTimeout());
        if (plan.keyColumns().size() != 1) {
            hashed.addAll(touchedSegments);
        }
        Set<Integer> all = new HashSet<>(hashed);
        all.addAll(touchedSegments);
        return new Part(table, plan, keys, hashed, all);
    }

    /**
     * Segments re-read one by one go through the key's index; past an eighth of the
     * table, one parallel pass over its blocks (as the full verification reads it) is
     * cheaper.
     */
    private boolean mostlyOpen(TableRef table) {
        Segmentation plan = baseline.plans().get(table);
        return baseline.unproven(table).size() > Math.max(2, plan.segments() / 8);
    }

    /**
     * Counts and checksums of the given segments on both sides, by key range; those that
     * differ.
     */
    private TreeSet<Integer> differingSegments(TableRef table, Segmentation plan, Set<Integer> segments)
            throws SQLException {
        TreeSet<Integer> out = new TreeSet<>();
        if (segments.isEmpty()) {
            return out;
        }
        try (Connection src = PgSession.pinned(source, properties.connectTimeout());
                Connection tgt = PgSession.pinned(target, properties.connectTimeout())) {
            String srcMix = checksum.rowTerm(src, table);
            String tgtMix = checksum.rowTerm(tgt, table);
            for (int segment : segments) {
                if (!Objects.equals(segment(src, table, plan, segment, srcMix),
                        segment(tgt, table, plan, segment, tgtMix))) {
                    out.add(segment);
                }
            }
        }
        return out;
    }

    private static String segment(Connection c, TableRef table, Segmentation plan, int segment, String mix)
            throws SQLException {
        String sql = "SELECT count(*), COALESCE(sum(" + mix + "), 0)::text FROM " + table.quoted() + " AS t WHERE "
                + plan.rangeCondition(segment);
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1) + "/" + new BigInteger(rs.getString(2));
        }
    }

}
