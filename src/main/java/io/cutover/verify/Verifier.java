package io.cutover.verify;

import io.cutover.logstream.RunLog;
import io.cutover.migration.ExecutionValues;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
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
        return ConnectionProbe.probe(name, db, properties.connectTimeout());
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
        return full().run(source, sourceSnapshot, target, null, true, progress, plans -> VerifyProgress.NONE).report();
    }

    /** Like the above, with the run page's bar fed through {@code log}. */
    public VerificationReport verify(ExecutionValues.Connection source, String sourceSnapshot,
            ExecutionValues.Connection target, Consumer<String> progress, RunLog log) throws Exception {
        return full().run(source, sourceSnapshot, target, null, true, progress, plans -> VerifyProgress.tables(log))
            .report();
    }

    /**
     * The online verification, while the app writes and the stream applies: each side
     * read at one snapshot of its own, every keyed table segment by segment. The segments
     * found equal are proven; those that differ (changes in flight between the two
     * snapshots, or a real difference) are left for {@link #recheck} inside the downtime,
     * with every segment the stream touches from now on — so the caller must start
     * recording touched rows before calling this.
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
        Instant at = Instant.now();
        FullVerification.Outcome o = full().run(source, sourceSnapshot, target, targetSnapshot, false, log::out,
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

    /**
     * An online verification's baseline and its report (whose differences may be changes
     * in flight).
     */
    public record Online(OnlineBaseline baseline, VerificationReport report) {
    }

    /**
     * A background pass while the stream runs, after an online verification: compares the
     * rows the stream changed since the last pass ({@code touched}) with both sides at
     * given exported snapshots of one applied position (kept open by the caller). Answers
     * the baseline carried to that position and what stays open, or null when
     * {@code stopped} said to stop before the end.
     */
    public Pass keepPace(ExecutionValues.Connection source, String sourceSnapshot, ExecutionValues.Connection target,
            String targetSnapshot, String position, OnlineBaseline baseline, TouchedRows touched,
            java.util.function.BooleanSupplier stopped) throws Exception {
        return new BackgroundPass(properties).run(source, sourceSnapshot, target, targetSnapshot, position, baseline,
                touched, stopped);
    }

    /**
     * A background pass's outcome.
     *
     * @param baseline the proof, now at the pass's position
     * @param open rows to compare again (they differed, or could not be compared by key)
     * @param differences the rows that differed at the pass's position, named by key
     * @param keysCompared keys compared on both sides
     * @param segments segments those keys lie in
     */
    public record Pass(OnlineBaseline baseline, TouchedRows open, List<Mismatch> differences, long keysCompared,
            int segments) {
    }

    /**
     * Inside the downtime, with nothing changing: re-checks only what the online
     * verification left open and what the stream touched since, plus every table without
     * segments, the sequences and the schema. The report's coverage line says how much
     * was read again.
     */
    public VerificationReport recheck(ExecutionValues.Connection source, ExecutionValues.Connection target,
            OnlineBaseline baseline, TouchedRows touched, RunLog log) throws Exception {
        var targetCatalogue = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return Catalogued.read(target, properties.connectTimeout(), null, false);
            }
            catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, executor);
        Catalogued src = Catalogued.read(source, properties.connectTimeout(), null, false);
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

    private FullVerification full() {
        return new FullVerification(properties, executor);
    }

    private VerificationReport finish(Side srcSide, Side tgtSide, Recheck.Partial partial) {
        List<Mismatch> mismatches = new ArrayList<>(srcSide.compareWith(tgtSide));
        mismatches.addAll(partial.rows());
        mismatches.addAll(SchemaComparison.compare(srcSide.schema(), tgtSide.schema()));
        return new VerificationReport(srcSide.stats(), tgtSide.stats(), mismatches, srcSide.parts(), tgtSide.parts(),
                partial.coverage());
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
        return ReportFiles.verification(ctx,
                full()
                    .run(source, null, target, null, true, line -> ctx.log().out(line),
                            plans -> VerifyProgress.tables(ctx.log()))
                    .report());
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

    /** A driver error as a person can act on it. */
    public static String explain(SQLException e, ExecutionValues.Connection db, String where) {
        return ConnectionProbe.explain(e, db, where);
    }

}
