package io.cutover.verify;

import io.cutover.migration.ExecutionValues;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.springframework.stereotype.Service;

/**
 * The verify module's facade: test a connection, take an exact inventory, and verify a target
 * against its source. Both sides are read at the same time, tables in parallel on each.
 */
@Service
public class Verifier {

    private final VerifyProperties properties;

    Verifier(VerifyProperties properties) {
        this.properties = properties;
    }

    /** Server version, database size and latency — or what is wrong, within the connect timeout. */
    public ProbeResult probe(String name, ExecutionValues.Connection db) {
        String where = db.url().host() + ":" + db.url().port();
        long started = System.nanoTime();
        try (Connection c = PgSession.open(db, properties.connectTimeout())) {
            long connectMillis = (System.nanoTime() - started) / 1_000_000;
            long latency = roundTrip(c);
            return new ProbeResult(name, true, PgSession.scalar(c, "SHOW server_version"), PgSession.serverMajor(c),
                    Long.parseLong(PgSession.scalar(c, "SELECT pg_database_size(current_database())")), Math.min(latency, connectMillis), null);
        } catch (SQLException e) {
            return ProbeResult.failed(name, explain(e, db, where));
        }
    }

    /** Exact row count and size of every user table. */
    public List<TableStats> inventory(ExecutionValues.Connection db, Consumer<String> progress) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(properties.threads());
        try (Connection c = PgSession.pinned(db, properties.connectTimeout())) {
            return TableScanner.count(db, properties.connectTimeout(), Catalog.tables(c), properties.threads(), pool, progress);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Counts, checksums and schema of both sides, compared. */
    public VerificationReport verify(ExecutionValues.Connection source, ExecutionValues.Connection target, Consumer<String> progress) throws Exception {
        return verify(source, null, target, progress);
    }

    /**
     * Like {@link #verify}, with the source read at an exported snapshot: proves a copy taken from
     * that snapshot while the source keeps changing (continuous sync's initial copy).
     */
    public VerificationReport verify(ExecutionValues.Connection source, String sourceSnapshot, ExecutionValues.Connection target, Consumer<String> progress)
            throws Exception {
        int threads = properties.threads();
        ExecutorService sides = Executors.newFixedThreadPool(2);
        try {
            TableChecksum checksum = TableChecksum.random();
            Future<Side> s = sides.submit(() -> side(source, sourceSnapshot, checksum, threads, line -> progress.accept("source " + line)));
            Future<Side> t = sides.submit(() -> side(target, null, checksum, threads, line -> progress.accept("target " + line)));
            Side src = unwrap(s);
            Side tgt = unwrap(t);
            List<Mismatch> mismatches = new ArrayList<>(compareTables(src.stats(), tgt.stats()));
            mismatches.addAll(SchemaComparison.compare(src.schema(), tgt.schema()).stream()
                    .map(m -> sourceSnapshot != null && m.difference().equals("sequence value") ? movedSequence(m) : m)
                    .toList());
            return new VerificationReport(src.stats(), tgt.stats(), mismatches);
        } finally {
            sides.shutdownNow();
        }
    }

    /**
     * Verifies a run's source against its target and turns the report into the run's outcome,
     * with the report kept in verification/ — for the verification step and the copy steps alike.
     */
    public io.cutover.execution.CheckOutcome verifyAndReport(io.cutover.execution.CheckContext ctx) throws Exception {
        var source = ctx.requiredConnection(io.cutover.runbook.SqlTarget.SOURCE);
        var target = ctx.requiredConnection(io.cutover.runbook.SqlTarget.TARGET);
        ctx.log().system("Verifying: exact counts and checksums of every table on both sides at once, then the schema");
        return VerificationCheck.report(ctx, verify(source, target, line -> ctx.log().out(line)));
    }

    /** One side's schema snapshot and table scan; each side has its own connections and threads. */
    /** Sequences are not transactional: a snapshot cannot hold them still, so their values are copied at cutover. */
    private static Mismatch movedSequence(Mismatch m) {
        return new Mismatch(m.object(), "sequence value (sequences move outside snapshots; copied at cutover)", m.source(), m.target(), false);
    }

    /** A verification report as a run's outcome, with the report file in verification/. */
    public io.cutover.execution.CheckOutcome report(io.cutover.execution.CheckContext ctx, VerificationReport report) throws java.io.IOException {
        return VerificationCheck.report(ctx, report);
    }

    /** A list of preflight points as a run's outcome: logged one per line, failed when any point failed. */
    public io.cutover.execution.CheckOutcome preflightOutcome(io.cutover.execution.CheckContext ctx, List<PreflightPoint> points) {
        return Preflight.outcome(ctx, points);
    }

    private Side side(ExecutionValues.Connection db, String snapshot, TableChecksum checksum, int threads, Consumer<String> progress) throws Exception {
        Map<String, Map<String, String>> schema = new LinkedHashMap<>();
        List<TableRef> tables;
        try (Connection c = PgSession.pinned(db, properties.connectTimeout())) {
            PgSession.useSnapshot(c, snapshot);
            tables = Catalog.tables(c);
            for (String kind : Catalog.SNAPSHOT_QUERIES.keySet()) {
                schema.put(kind, Catalog.schemaObjects(c, kind));
            }
        }
        ExecutorService own = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            return new Side(TableScanner.scan(db, properties.connectTimeout(), tables, checksum, threads, own, progress, snapshot), schema);
        } finally {
            own.shutdownNow();
        }
    }

    static List<Mismatch> compareTables(List<TableStats> source, List<TableStats> target) {
        Map<TableRef, TableStats> s = index(source);
        Map<TableRef, TableStats> t = index(target);
        TreeSet<TableRef> all = new TreeSet<>(s.keySet());
        all.addAll(t.keySet());
        List<Mismatch> out = new ArrayList<>();
        for (TableRef table : all) {
            TableStats a = s.get(table);
            TableStats b = t.get(table);
            if (b == null) {
                out.add(new Mismatch(table.toString(), "table missing on target", a.rows() + " rows", "—", true));
            } else if (a == null) {
                out.add(new Mismatch(table.toString(), "table only on target", "—", b.rows() + " rows", true));
            } else {
                if (a.rows() != b.rows()) {
                    out.add(new Mismatch(table.toString(), "row count", Long.toString(a.rows()), Long.toString(b.rows()), true));
                }
                if (!Objects.equals(a.checksum(), b.checksum())) {
                    out.add(new Mismatch(table.toString(), "content checksum", a.checksum(), b.checksum(), true));
                }
            }
        }
        return out;
    }

    private static Map<TableRef, TableStats> index(List<TableStats> stats) {
        Map<TableRef, TableStats> map = new HashMap<>();
        stats.forEach(st -> map.put(st.table(), st));
        return map;
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
            return "Authentication failed for user '" + user + "' at " + where + ": the password is wrong (type the URL with the right password on the Parameters page)";
        }
        if (state.startsWith("28")) {
            return "The server at " + where + " refused user '" + user + "': " + firstLine(e.getMessage());
        }
        if (state.equals("3D000")) {
            return "Database '" + db.url().database() + "' does not exist at " + where;
        }
        Throwable cause = rootCause(e);
        if (cause instanceof UnknownHostException) {
            return "Host '" + db.url().host() + "' cannot be found (DNS): check the host name, or start the proxy it needs";
        }
        if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
            return "Nothing answers at " + where + " (connection refused or no route): is the server or proxy running?";
        }
        if (cause instanceof SocketTimeoutException || state.equals("08001") && firstLine(e.getMessage()).toLowerCase().contains("timed out")) {
            return where + " did not answer within the connect timeout: unreachable host, firewall, or a proxy that is not running";
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

    private static <T> T unwrap(Future<T> f) throws Exception {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    private record Side(List<TableStats> stats, Map<String, Map<String, String>> schema) {}
}
