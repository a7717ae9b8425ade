package io.cutover.verify;

import io.cutover.migration.ExecutionValues;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Every table of both sides read at once, each side at its snapshot (or now): counts,
 * checksums and schema compared. The online verification reads every keyed table segment
 * by segment (its baseline); a verification that names rows ({@code locate}) reads whole
 * tables, which costs less than grouping every row by its segment, and reads segment by
 * segment again only the tables that differ, to name their rows.
 */
record FullVerification(VerifyProperties properties, Executor executor) {

    /**
     * The report, and per keyed table the key ranges and each side's sums per segment.
     */
    record Outcome(VerificationReport report, Map<TableRef, Segmentation> plans,
            Map<TableRef, SegmentSums> sourceSegments, Map<TableRef, SegmentSums> targetSegments) {
    }

    Outcome run(ExecutionValues.Connection source, String sourceSnapshot, ExecutionValues.Connection target,
            String targetSnapshot, boolean locate, Consumer<String> progress,
            java.util.function.Function<Map<TableRef, Segmentation>, VerifyProgress> bars) throws Exception {
        int threads = properties.threads();
        TableChecksum checksum = TableChecksum.random();
        // Naming rows needs key ranges only for the tables that differ: they are cut
        // after the scan, so sampling the keys of every table does not delay it.
        Catalogued src = Catalogued.read(source, properties.connectTimeout(), sourceSnapshot, !locate);
        Catalogued tgt = Catalogued.read(target, properties.connectTimeout(), targetSnapshot, false);
        VerifyProgress bar = bars.apply(src.plans());
        // The source's key ranges cut both sides: segment i means the same keys on each.
        Map<TableRef, Segmentation> cut = locate ? Map.of() : src.plans();
        SegmentScan sourceScan = new SegmentScan(source, properties.connectTimeout(), sourceSnapshot, checksum, cut);
        SegmentScan targetScan = new SegmentScan(target, properties.connectTimeout(), targetSnapshot, checksum, cut);
        SegmentScan.Running s = sourceScan.observedBy(bar)
            .start(src.scan(), threads, executor, line -> progress.accept("source " + line));
        SegmentScan.Running t = targetScan.observedBy(bar)
            .start(tgt.scan(), threads, executor, line -> progress.accept("target " + line));
        bar.start(0);
        Side srcSide;
        Side tgtSide;
        try {
            srcSide = src.side(s.join());
            tgtSide = tgt.side(t.join());
            bar.finish(true);
        }
        catch (Exception e) {
            bar.finish(false);
            throw e;
        }
        boolean atSnapshot = sourceSnapshot != null;
        List<Mismatch> mismatches = new ArrayList<>(srcSide.compareWith(tgtSide)
            .stream()
            .map(m -> atSnapshot && m.difference().startsWith("materialized view ") ? recomputedView(m) : m)
            .toList());
        Map<TableRef, Segmentation> plans = src.plans();
        if (locate) {
            plans = cut(source, sourceSnapshot, differing(srcSide.scanned(), tgtSide.scanned()));
            if (!plans.isEmpty()) {
                List<TableRef> tables = List.copyOf(plans.keySet());
                SegmentScan.Running sb = new SegmentScan(source, properties.connectTimeout(), sourceSnapshot, checksum,
                        plans)
                    .start(tables, threads, executor, line -> progress.accept("source by segment " + line));
                SegmentScan.Running tb = new SegmentScan(target, properties.connectTimeout(), targetSnapshot, checksum,
                        plans)
                    .start(tables, threads, executor, line -> progress.accept("target by segment " + line));
                sb.join();
                tb.join();
                RowLocator locator = new RowLocator(source, sourceSnapshot, target, checksum,
                        properties.connectTimeout());
                mismatches.addAll(rowsBehind(locator, plans, sb.segments(), tb.segments(), progress));
            }
        }
        mismatches.addAll(SchemaComparison.compare(srcSide.schema(), tgtSide.schema())
            .stream()
            .map(m -> atSnapshot && m.difference().equals("sequence value") ? movedSequence(m) : m)
            .toList());
        VerificationReport report = new VerificationReport(srcSide.stats(), tgtSide.stats(), mismatches,
                srcSide.parts(), tgtSide.parts());
        return new Outcome(report, plans, s.segments(), t.segments());
    }

    /** The key ranges of the given tables, from the source at its snapshot. */
    private Map<TableRef, Segmentation> cut(ExecutionValues.Connection source, String snapshot,
            java.util.Set<TableRef> tables) throws SQLException {
        if (tables.isEmpty()) {
            return Map.of();
        }
        try (java.sql.Connection c = PgSession.pinned(source, properties.connectTimeout())) {
            PgSession.useSnapshot(c, snapshot);
            return new TreeMap<>(SegmentPlanner.plan(c, List.copyOf(tables)));
        }
    }

    /** The tables both sides read whose counts or checksums differ. */
    private static java.util.Set<TableRef> differing(List<TableStats> source, List<TableStats> target) {
        Map<TableRef, TableStats> other = new TreeMap<>();
        target.forEach(t -> other.put(t.table(), t));
        java.util.Set<TableRef> out = new java.util.TreeSet<>();
        for (TableStats s : source) {
            TableStats t = other.get(s.table());
            if (t != null && s.unreadable() == null && t.unreadable() == null
                    && (s.rows() != t.rows() || !java.util.Objects.equals(s.checksum(), t.checksum()))) {
                out.add(s.table());
            }
        }
        return out;
    }

    /**
     * For every keyed table whose segments differ: the differing rows, by key, with both
     * sides' values for the first few.
     */
    private static List<Mismatch> rowsBehind(RowLocator locator, Map<TableRef, Segmentation> plans,
            Map<TableRef, SegmentSums> sourceSegments, Map<TableRef, SegmentSums> targetSegments,
            Consumer<String> progress) throws SQLException {
        List<Mismatch> out = new ArrayList<>();
        for (Map.Entry<TableRef, SegmentSums> e : new TreeMap<>(sourceSegments).entrySet()) {
            SegmentSums other = targetSegments.get(e.getKey());
            if (other == null) {
                continue;
            }
            TreeSet<Integer> differing = e.getValue().differing(other);
            if (differing.isEmpty()) {
                continue;
            }
            Segmentation plan = plans.get(e.getKey());
            progress.accept(e.getKey() + ": " + differing.size() + " of " + plan.segments()
                    + " segments differ; naming the rows");
            if (plan.segments() > 1) {
                out.add(new Mismatch(e.getKey().toString(), differing.size() + " of " + plan.segments()
                        + " segments differ, first " + plan.describe(differing.first()), "", "", false));
            }
            out.addAll(locator.locate(e.getKey(), plan, differing));
        }
        return out;
    }

    /**
     * A restore computes a materialized view from the copied rows, while the source's
     * holds what its last REFRESH saw: at a snapshot they may differ without anything
     * lost. The drain refreshes both sides, and the verification at cutover compares them
     * again.
     */
    private static Mismatch recomputedView(Mismatch m) {
        return new Mismatch(m.object(),
                m.difference() + " (the copy computed it from the copied rows; refreshed on both sides at the drain)",
                m.source(), m.target(), false);
    }

    /**
     * Sequences are not transactional: a snapshot cannot hold them still, so their values
     * are copied at cutover.
     */
    private static Mismatch movedSequence(Mismatch m) {
        return new Mismatch(m.object(), "sequence value (sequences move outside snapshots; copied at cutover)",
                m.source(), m.target(), false);
    }

}
