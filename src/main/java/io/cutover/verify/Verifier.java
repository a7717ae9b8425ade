package io.cutover.verify;

import io.cutover.migration.ExecutionValues;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Function;
import io.cutover.logstream.RunLog;
import org.springframework.stereotype.Service;

/**
 * The verify module's facade: test a connection, take an exact inventory, and verify a
 * target against its source. Both sides are read at the same time, tables in parallel on
 * each.
 */
@Service
public class Verifier {

    private final VerifyProperties properties;

    private final ExecutorService executor;

    @org.springframework.beans.factory.annotation.Autowired
    Verifier(VerifyProperties properties,
            @org.springframework.beans.factory.annotation.Qualifier(VerificationThreads.NAME) ExecutorService executor) {
        this.properties = properties;
        this.executor = executor;
    }

    /** With a pool of its own (tests outside Spring). */
    Verifier(VerifyProperties properties) {
        this(properties, VerificationThreads.pool(properties));
    }

    /** A session pinned to one server, within the verification's connect timeout. */
    Connection pinned(ExecutionValues.Connection db) throws SQLException {
        return PgSession.pinned(db, properties.connectTimeout());
    }

    /**
     * Server version, database size and latency — or what is wrong, within the connect
     * timeout.
     */
    public ProbeResult probe(String name, ExecutionValues.Connection db) {
        String where = db.url().host() + ":" + db.url().port();
        long started = System.nanoTime();
        try (Connection c = PgSession.open(db, properties.connectTimeout())) {
            long connectMillis = (System.nanoTime() - started) / 1_000_000;
            long latency = roundTrip(c);
            return new ProbeResult(name, true, PgSession.scalar(c, "SHOW server_version"), PgSession.serverMajor(c),
                    Long.parseLong(PgSession.scalar(c, "SELECT pg_database_size(current_database())")),
                    Math.min(latency, connectMillis), null);
        }
        catch (SQLException e) {
            return ProbeResult.failed(name, explain(e, db, where));
        }
    }

    /** Exact row count and size of every user table. */
    public List<TableStats> inventory(ExecutionValues.Connection db, Consumer<String> progress) throws Exception {
        try (Connection c = PgSession.pinned(db, properties.connectTimeout())) {
            return TableScanner.count(db, properties.connectTimeout(), Catalog.tables(c), properties.threads(),
                    executor, progress);
        }
    }

    /** Counts, checksums and schema of both sides, compared. */
    public VerificationReport verify(ExecutionValues.Connection source, ExecutionValues.Connection target,
            Consumer<String> progress) throws Exception {
        return verify(source, null, target, progress);
    }

    /**
     * Like {@link #verify}, with the source read at an exported snapshot: proves a copy
     * taken from that snapshot while the source keeps changing (continuous sync's initial
     * copy).
     */
    public VerificationReport verify(ExecutionValues.Connection source, String sourceSnapshot,
            ExecutionValues.Connection target, Consumer<String> progress) throws Exception {
        return run(source, sourceSnapshot, target, null, true, progress, plans -> VerifyProgress.NONE).report();
    }

    /** Like the above, with the run page's bar fed through {@code log}. */
    public VerificationReport verify(ExecutionValues.Connection source, String sourceSnapshot,
            ExecutionValues.Connection target, Consumer<String> progress, RunLog log) throws Exception {
        return run(source, sourceSnapshot, target, null, true, progress, plans -> VerifyProgress.tables(log)).report();
    }

    /**
     * The online verification, while the app writes and the stream applies: each side
     * read at one snapshot of its own, every keyed table segment by segment. The segments
     * found equal are proven; those that differ (changes in flight between the two
     * snapshots, or a real difference) are left for {@link #recheck} inside the downtime,
     * with every segment the stream touches from now on — so the caller must start
     * recording touched rows before calling this. The run page's bar counts the source's
     * segments.
     */
    public Online verifyOnline(ExecutionValues.Connection source, ExecutionValues.Connection target, RunLog log)
            throws Exception {
        try (Connection src = PgSession.pinned(source, properties.connectTimeout());
                Connection tgt = PgSession.pinned(target, properties.connectTimeout())) {
            String sourceSnapshot = PgSession.exportSnapshot(src);
            String position = PgSession.scalar(src, "SELECT pg_current_wal_lsn()::text");
            return verifyOnline(source, sourceSnapshot, target, PgSession.exportSnapshot(tgt), position, log);
        }
    }

    /**
     * Like
     * {@link #verifyOnline(ExecutionValues.Connection, ExecutionValues.Connection, RunLog)}
     * with both sides at given exported snapshots (kept open by the caller) — when the
     * target's was taken with the stream held at the source snapshot's position, the two
     * are the same moment, and a difference is a real one.
     */
    public Online verifyOnline(ExecutionValues.Connection source, String sourceSnapshot,
            ExecutionValues.Connection target, String targetSnapshot, String position, RunLog log) throws Exception {
        {
            Instant at = Instant.now();
            Outcome o = run(source, sourceSnapshot, target, targetSnapshot, false, log::out,
                    plans -> VerifyProgress.segments(log, "Segments verified", plans, true));
            Map<TableRef, Segmentation> plans = new java.util.TreeMap<>();
            Map<TableRef, Set<Integer>> unproven = new java.util.TreeMap<>();
            o.plans().forEach((table, plan) -> {
                SegmentSums s = o.sourceSegments().get(table);
                SegmentSums t = o.targetSegments().get(table);
                if (s != null && t != null) {
                    plans.put(table, plan);
                    Set<Integer> differing = s.differing(t);
                    if (!differing.isEmpty()) {
                        unproven.put(table, differing);
                    }
                }
            });
            return new Online(new OnlineBaseline(position, at, plans, unproven), o.report());
        }
    }

    /**
     * An online verification's baseline and its report (whose differences may be changes
     * in flight).
     */
    public record Online(OnlineBaseline baseline, VerificationReport report) {
    }

    /**
     * Inside the downtime, with nothing changing: re-checks only what the online
     * verification left open and what the stream touched since, plus every table without
     * segments, the sequences and the schema. The report's coverage line says how much
     * was read again; the run page's bar counts the segments re-checked.
     */
    public VerificationReport recheck(ExecutionValues.Connection source, ExecutionValues.Connection target,
            OnlineBaseline baseline, TouchedRows touched, RunLog log) throws Exception {
        var targetCatalogue = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return catalogue(target, null, false);
            }
            catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, executor);
        Catalogued src = catalogue(source, null, false);
        Catalogued tgt;
        try {
            tgt = targetCatalogue.join();
        }
        catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
        VerifyProgress bar = VerifyProgress.segments(log, "Segments re-checked", baseline.plans(), false);
        return new Recheck(properties, executor, source, target, baseline, touched, log::out, bar).run(src.scan(),
                tgt.scan(), report -> finish(src.side(report.source()), tgt.side(report.target()), report));
    }

    private VerificationReport finish(Side srcSide, Side tgtSide, Recheck.Partial partial) {
        List<Mismatch> mismatches = new ArrayList<>(srcSide.compareWith(tgtSide));
        mismatches.addAll(partial.rows());
        mismatches.addAll(SchemaComparison.compare(srcSide.schema(), tgtSide.schema()));
        return new VerificationReport(srcSide.stats(), tgtSide.stats(), mismatches, srcSide.parts(), tgtSide.parts(),
                partial.coverage());
    }

    private record Outcome(VerificationReport report, Map<TableRef, Segmentation> plans,
            Map<TableRef, SegmentSums> sourceSegments, Map<TableRef, SegmentSums> targetSegments) {
    }

    private Outcome run(ExecutionValues.Connection source, String sourceSnapshot, ExecutionValues.Connection target,
            String targetSnapshot, boolean locate, Consumer<String> progress,
            Function<Map<TableRef, Segmentation>, VerifyProgress> bars) throws Exception {
        int threads = properties.threads();
        TableChecksum checksum = TableChecksum.random();
        Catalogued src = catalogue(source, sourceSnapshot, true);
        Catalogued tgt = catalogue(target, targetSnapshot, false);
        VerifyProgress bar = bars.apply(src.plans());
        // The source's key ranges cut both sides: segment i means the same keys on each.
        SegmentScan sourceScan = new SegmentScan(source, properties.connectTimeout(), sourceSnapshot, checksum,
                src.plans());
        SegmentScan targetScan = new SegmentScan(target, properties.connectTimeout(), targetSnapshot, checksum,
                src.plans());
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
        List<Mismatch> mismatches = new ArrayList<>(srcSide.compareWith(tgtSide)
            .stream()
            .map(m -> sourceSnapshot != null && m.difference().startsWith("materialized view ") ? recomputedView(m) : m)
            .toList());
        if (locate) {
            RowLocator locator = new RowLocator(source, sourceSnapshot, target, checksum, properties.connectTimeout());
            mismatches.addAll(rowsBehind(locator, src.plans(), s.segments(), t.segments(), progress));
        }
        mismatches.addAll(SchemaComparison.compare(srcSide.schema(), tgtSide.schema())
            .stream()
            .map(m -> sourceSnapshot != null && m.difference().equals("sequence value") ? movedSequence(m) : m)
            .toList());
        VerificationReport report = new VerificationReport(srcSide.stats(), tgtSide.stats(), mismatches,
                srcSide.parts(), tgtSide.parts());
        return new Outcome(report, src.plans(), s.segments(), t.segments());
    }

    /**
     * For every keyed table whose segments differ: the differing rows, by key, with both
     * sides' values for the first few.
     */
    private static List<Mismatch> rowsBehind(RowLocator locator, Map<TableRef, Segmentation> plans,
            Map<TableRef, SegmentSums> sourceSegments, Map<TableRef, SegmentSums> targetSegments,
            Consumer<String> progress) throws SQLException {
        List<Mismatch> out = new ArrayList<>();
        for (Map.Entry<TableRef, SegmentSums> e : new java.util.TreeMap<>(sourceSegments).entrySet()) {
            SegmentSums other = targetSegments.get(e.getKey());
            if (other == null) {
                continue;
            }
            java.util.TreeSet<Integer> differing = e.getValue().differing(other);
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
     * Verifies a run's source against its target and turns the report into the run's
     * outcome, with the report kept in verification/ — for the verification step and the
     * copy steps alike.
     */
    public io.cutover.execution.CheckOutcome verifyAndReport(io.cutover.execution.CheckContext ctx) throws Exception {
        var source = ctx.requiredConnection(io.cutover.runbook.SqlTarget.SOURCE);
        var target = ctx.requiredConnection(io.cutover.runbook.SqlTarget.TARGET);
        ctx.log().system("Verifying: exact counts and checksums of every table on both sides at once, then the schema");
        return ReportFiles.verification(ctx, run(source, null, target, null, true, line -> ctx.log().out(line),
                plans -> VerifyProgress.tables(ctx.log()))
            .report());
    }

    /**
     * Sequences are not transactional: a snapshot cannot hold them still, so their values
     * are copied at cutover.
     */
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

    private static Mismatch movedSequence(Mismatch m) {
        return new Mismatch(m.object(), "sequence value (sequences move outside snapshots; copied at cutover)",
                m.source(), m.target(), false);
    }

    /**
     * A verification report as a run's outcome, with the report file in verification/.
     */
    public io.cutover.execution.CheckOutcome report(io.cutover.execution.CheckContext ctx, VerificationReport report)
            throws java.io.IOException {
        return ReportFiles.verification(ctx, report);
    }

    /**
     * A list of preflight points as a run's outcome: logged one per line, failed when any
     * point failed. Static: it needs nothing of a verifier's settings or threads.
     */
    public static io.cutover.execution.CheckOutcome preflightOutcome(io.cutover.execution.CheckContext ctx,
            List<PreflightPoint> points) {
        return Preflight.outcome(ctx, points);
    }

    /**
     * One side's catalogue, read at the snapshot; the source's also yields the key ranges
     * both sides are cut by.
     */
    private Catalogued catalogue(ExecutionValues.Connection db, String snapshot, boolean planSegments)
            throws Exception {
        Map<String, Map<String, String>> schema = new LinkedHashMap<>();
        try (Connection c = PgSession.pinned(db, properties.connectTimeout())) {
            PgSession.useSnapshot(c, snapshot);
            List<TableRef> tables = Catalog.tables(c);
            Map<TableRef, TableRef> leaves = Catalog.leafPartitions(c);
            Map<TableRef, Boolean> views = Catalog.materializedViews(c);
            for (SchemaObjects.Kind kind : SchemaObjects.KINDS) {
                schema.put(kind.kind(), Catalog.schemaObjects(c, kind));
            }
            // Rows are counted and hashed where they live: in each partition, not through
            // its parent.
            Set<TableRef> roots = TableComparison.rootsOf(leaves);
            Set<TableRef> topLevel = new HashSet<>(tables);
            topLevel.removeAll(roots);
            List<TableRef> scan = new ArrayList<>(topLevel);
            scan.addAll(leaves.keySet());
            views.forEach((view, populated) -> {
                if (populated) {
                    scan.add(view);
                }
            });
            Map<TableRef, Segmentation> plans = planSegments ? SegmentPlanner.plan(c, scan) : Map.of();
            return new Catalogued(scan, leaves, views, topLevel, schema, plans);
        }
    }

    private record Catalogued(List<TableRef> scan, Map<TableRef, TableRef> leaves, Map<TableRef, Boolean> views,
            Set<TableRef> topLevel, Map<String, Map<String, String>> schema, Map<TableRef, Segmentation> plans) {

        Side side(List<TableStats> scanned) {
            return new Side(scanned, leaves, views, topLevel, schema);
        }
    }

    private static long roundTrip(Connection c) throws SQLException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            PgSession.scalar(c, "SELECT 1");
            best = Math.min(best, (System.nanoTime() - t0) / 1_000_000);
        }
        return best;
    }

    /** A driver error as a person can act on it. */
    public static String explain(SQLException e, ExecutionValues.Connection db, String where) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String user = db.url().user();
        if (state.equals("28P01")) {
            return "Authentication failed for user '" + user + "' at " + where
                    + ": the password is wrong (type the URL with the right password on the Parameters page)";
        }
        if (state.startsWith("28")) {
            return "The server at " + where + " refused user '" + user + "': " + firstLine(e.getMessage());
        }
        if (state.equals("3D000")) {
            return "Database '" + db.url().database() + "' does not exist at " + where;
        }
        Throwable cause = rootCause(e);
        if (cause instanceof UnknownHostException) {
            return "Host '" + db.url().host()
                    + "' cannot be found (DNS): check the host name, or start the proxy it needs";
        }
        if (state.equals("08P01") || cause instanceof java.io.EOFException) {
            return "Something answers at " + where
                    + ", but it is not PostgreSQL (it closed the connection or answered in another protocol): check the port";
        }
        if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
            return "Nothing answers at " + where + " (connection refused or no route): is the server or proxy running?";
        }
        if (cause instanceof SocketTimeoutException
                || state.equals("08001") && firstLine(e.getMessage()).toLowerCase().contains("timed out")) {
            return where
                    + " did not answer within the connect timeout: unreachable host, firewall, or a proxy that is not running";
        }
        return "Cannot connect to " + where + ": " + firstLine(e.getMessage());
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse(s);
    }

    /**
     * One side's scan (plain tables, leaf partitions, populated materialized views) and
     * schema snapshot.
     */
    private record Side(List<TableStats> scanned, Map<TableRef, TableRef> leaves, Map<TableRef, Boolean> views,
            Set<TableRef> topLevel, Map<String, Map<String, String>> schema) {

        /**
         * Tables as the inventory lists them: a partitioned table with its partitions'
         * rows.
         */
        List<TableStats> stats() {
            return TableComparison.withRoots(scanned, leaves, topLevel);
        }

        /** Partitions and materialized views, each compared on its own. */
        List<TableStats> parts() {
            List<TableStats> parts = new ArrayList<>(
                    scanned.stream().filter(st -> !topLevel.contains(st.table())).toList());
            views.forEach((view, populated) -> {
                if (!populated) {
                    parts.add(new TableStats(view, 0, TableComparison.NOT_POPULATED, 0));
                }
            });
            parts.sort((a, b) -> a.table().compareTo(b.table()));
            return parts;
        }

        List<Mismatch> compareWith(Side target) {
            Set<TableRef> partitioned = TableComparison.rootsOf(leaves);
            partitioned.retainAll(TableComparison.rootsOf(target.leaves));
            List<Mismatch> out = new ArrayList<>(
                    TableComparison.compare(stats().stream().filter(st -> !partitioned.contains(st.table())).toList(),
                            target.stats().stream().filter(st -> !partitioned.contains(st.table())).toList(), "table"));
            List<Mismatch> partitions = TableComparison.compare(only(leaves.keySet()),
                    target.only(target.leaves.keySet()), "partition");
            out.addAll(partitions);
            out.addAll(TableComparison.partitionSummaries(partitions, leaves, target.leaves));
            out.addAll(TableComparison.compare(only(views.keySet()), target.only(target.views.keySet()),
                    "materialized view"));
            return out;
        }

        private List<TableStats> only(Set<TableRef> refs) {
            return parts().stream().filter(st -> refs.contains(st.table())).toList();
        }
    }

}
