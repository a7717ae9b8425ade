package io.cutover.verify;

import io.cutover.migration.ExecutionValues;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One side's count and checksum of every table, segment by segment (see
 * {@link Segmentation}). A big table is read as several block ranges ({@code ctid}
 * ranges, PostgreSQL 14+) by several connections at once, so one big table no longer
 * bounds the whole verification; each range answers its rows per segment in one
 * sequential pass, and the parts add up exactly.
 */
final class SegmentScan {

    /**
     * 64 MB of heap per part: big enough that per-query overhead is nothing, small enough
     * to share out.
     */
    static final long PAGES_PER_PART = 8192;

    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private static final String QUERY = "SELECT %s, count(*), COALESCE(sum(%s), 0)::text FROM %s AS t%s GROUP BY 1";

    private final ExecutionValues.Connection db;

    private final Duration connectTimeout;

    private final String snapshot;

    private final TableChecksum checksum;

    private final Map<TableRef, Segmentation> plans;

    private final Map<TableRef, SegmentSums> sums = new ConcurrentHashMap<>();

    private final Map<TableRef, String> unreadable = new ConcurrentHashMap<>();

    private final Map<TableRef, AtomicInteger> partsLeft = new ConcurrentHashMap<>();

    private final Map<TableRef, Long> sizes = new HashMap<>();

    private final Map<TableRef, Integer> partCount = new HashMap<>();

    private VerifyProgress observer = VerifyProgress.NONE;

    SegmentScan(ExecutionValues.Connection db, Duration connectTimeout, String snapshot, TableChecksum checksum,
            Map<TableRef, Segmentation> plans) {
        this.db = db;
        this.connectTimeout = connectTimeout;
        this.snapshot = snapshot;
        this.checksum = checksum;
        this.plans = plans;
    }

    /**
     * @param pages the heap pages the part is expected to read (its share of relpages)
     */
    private record Part(TableRef table, long fromPage, long toPage, long pages) {

        String where() {
            if (fromPage == 0 && toPage < 0) {
                return "";
            }
            String lower = "t.ctid >= '(" + fromPage + ",0)'::tid";
            return " WHERE " + (toPage < 0 ? lower : lower + " AND t.ctid < '(" + toPage + ",0)'::tid");
        }
    }

    /** Tells {@code progress} of every part hashed; before {@link #start}. */
    SegmentScan observedBy(VerifyProgress progress) {
        this.observer = progress;
        return this;
    }

    /** Starts the side's workers on the executor; {@link Running#join} waits for them. */
    Running start(List<TableRef> tables, int threads, Executor executor, Consumer<String> progress)
            throws SQLException {
        ConcurrentLinkedQueue<Part> queue = new ConcurrentLinkedQueue<>(parts(tables, threads));
        observer.planned(this, partCount, sizes);
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int i = 0; i < Math.max(1, Math.min(threads, queue.size())); i++) {
            workers.add(CompletableFuture.runAsync(() -> {
                try (Connection c = PgSession.pinned(db, connectTimeout)) {
                    PgSession.useSnapshot(c, snapshot);
                    drain(c, queue, progress);
                }
                catch (SQLException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }, executor));
        }
        return new Running(tables, workers);
    }

    final class Running {

        private final List<TableRef> tables;

        private final List<CompletableFuture<Void>> workers;

        private Running(List<TableRef> tables, List<CompletableFuture<Void>> workers) {
            this.tables = tables;
            this.workers = workers;
        }

        List<TableStats> join() throws Exception {
            for (CompletableFuture<Void> w : workers) {
                try {
                    w.get();
                }
                catch (ExecutionException e) {
                    workers.forEach(o -> o.cancel(true));
                    throw e.getCause() instanceof Exception ex ? ex : e;
                }
            }
            List<TableStats> out = new ArrayList<>();
            for (TableRef t : tables) {
                long size = sizes.getOrDefault(t, 0L);
                if (unreadable.containsKey(t)) {
                    out.add(TableStats.unreadable(t, size, unreadable.get(t)));
                }
                else {
                    SegmentSums s = sums.get(t);
                    out.add(new TableStats(t, s.rows(), s.checksum().toString(), size));
                }
            }
            out.sort((a, b) -> a.table().compareTo(b.table()));
            return out;
        }

        /** Per segment, for the tables cut into segments that this side could read. */
        Map<TableRef, SegmentSums> segments() {
            Map<TableRef, SegmentSums> out = new HashMap<>(sums);
            out.keySet().removeIf(t -> !plans.containsKey(t) || unreadable.containsKey(t) || !sums.get(t).valid());
            return out;
        }

    }

    /**
     * Each big table cut into block ranges (PostgreSQL 14 can scan a ctid range), then
     * the parts in order of their heap pages, largest first: a table just under the cut
     * (one part of up to 128 MB) starts before the 64 MB ranges, not after them, where it
     * would be read alone at the end while the other connections wait.
     */
    private List<Part> parts(List<TableRef> tables, int threads) throws SQLException {
        Map<TableRef, Long> pages = new HashMap<>();
        boolean tidRanges;
        try (Connection c = PgSession.pinned(db, connectTimeout); Statement st = c.createStatement()) {
            tidRanges = Integer.parseInt(PgSession.scalar(c, "SHOW server_version_num")) >= 140000;
            for (TableRef t : tables) {
                try (ResultSet rs = st
                    .executeQuery("SELECT pg_total_relation_size(c.oid), c.relpages FROM pg_class c WHERE c.oid = "
                            + Segmentation.sqlString(t.quoted()) + "::regclass")) {
                    rs.next();
                    sizes.put(t, rs.getLong(1));
                    pages.put(t, rs.getLong(2));
                }
            }
        }
        List<TableRef> bySize = new ArrayList<>(tables);
        bySize.sort((a, b) -> Long.compare(sizes.getOrDefault(b, 0L), sizes.getOrDefault(a, 0L)));
        List<Part> parts = new ArrayList<>();
        for (TableRef t : bySize) {
            sums.put(t, new SegmentSums());
            long n = tidRanges && threads > 1 ? Math.min(64, pages.get(t) / PAGES_PER_PART) : 0;
            partCount.put(t, (int) Math.max(1, n < 2 ? 1 : n));
            if (n < 2) {
                partsLeft.put(t, new AtomicInteger(1));
                // Never analyzed (relpages 0): its size on disk stands in.
                parts.add(new Part(t, 0, -1, pages.get(t) > 0 ? pages.get(t) : sizes.get(t) / 8192));
                continue;
            }
            long step = pages.get(t) / n;
            partsLeft.put(t, new AtomicInteger((int) n));
            for (long i = 0; i < n; i++) {
                // The last range is open-ended: relpages is an estimate, the table may
                // have grown since.
                parts.add(new Part(t, i * step, i == n - 1 ? -1 : (i + 1) * step, step));
            }
        }
        // Stable: equal parts keep the order by total size.
        parts.sort((a, b) -> Long.compare(b.pages(), a.pages()));
        return parts;
    }

    private void drain(Connection c, ConcurrentLinkedQueue<Part> queue, Consumer<String> progress) throws SQLException {
        Map<TableRef, String> terms = new HashMap<>();
        try (Statement st = c.createStatement()) {
            Part p;
            while ((p = queue.poll()) != null) {
                TableRef t = p.table();
                if (unreadable.containsKey(t)) {
                    continue;
                }
                // Inside a snapshot's transaction an error would abort every later query:
                // a savepoint keeps them.
                Savepoint before = c.getAutoCommit() ? null : c.setSavepoint();
                try {
                    if (!terms.containsKey(t)) {
                        terms.put(t, term(st, t));
                    }
                    read(c, p, terms.get(t));
                    boolean last = partsLeft.get(t).decrementAndGet() == 0;
                    observer.hashed(this, t, false);
                    if (last) {
                        progress.accept(t + ": " + sums.get(t).rows() + " rows");
                    }
                }
                catch (SQLException e) {
                    if (!INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
                        throw e;
                    }
                    if (before != null) {
                        c.rollback(before);
                    }
                    if (unreadable.putIfAbsent(t, firstLine(e.getMessage())) == null) {
                        observer.hashed(this, t, true);
                        progress.accept(t + ": cannot be read (" + firstLine(e.getMessage()) + ")");
                    }
                }
            }
        }
    }

    /**
     * The row term this scan sums for the table: the column chain on every path (whole,
     * segment, re-check, row lists), so segment sums meet the baseline's, the re-check's
     * and the row lists' and a chain-only difference is located down to its row.
     */
    private String term(Statement st, TableRef t) throws SQLException {
        return checksum.rowTerm(st, t);
    }

    /**
     * Per segment; where this side cannot cut the table as the source does (its key
     * differs), the whole part at once.
     */
    private void read(Connection c, Part p, String mix) throws SQLException {
        Segmentation plan = plans.get(p.table());
        SegmentSums into = sums.get(p.table());
        if (plan != null && into.valid()) {
            Savepoint inner = c.getAutoCommit() ? null : c.setSavepoint();
            try {
                run(c, QUERY.formatted(plan.segmentExpression(), mix, p.table().quoted(), p.where()), into);
                return;
            }
            catch (SQLException e) {
                if (INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
                    throw e;
                }
                if (inner != null) {
                    c.rollback(inner);
                }
                into.invalidate();
            }
        }
        run(c, QUERY.formatted("0", mix, p.table().quoted(), p.where()), into);
    }

    private static void run(Connection c, String sql, SegmentSums into) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                into.add(rs.getObject(1) == null ? -1 : rs.getInt(1), rs.getLong(2), new BigInteger(rs.getString(3)));
            }
        }
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse(s).replaceFirst("^ERROR: ", "");
    }

}
