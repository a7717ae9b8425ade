package io.cutover.verify;

import io.cutover.migration.ExecutionValues;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Counts (and checksums, see {@link TableChecksum}) tables with several connections at
 * once, largest tables first so the last one to finish is a small one.
 */
final class TableScanner {

    private static final String COUNT = "SELECT count(*), NULL FROM %s AS t";

    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private TableScanner() {
    }

    static List<TableStats> count(ExecutionValues.Connection db, Duration connectTimeout, List<TableRef> tables,
            int threads, ExecutorService pool, Consumer<String> progress) throws Exception {
        return scan(db, connectTimeout, tables, null, threads, pool, progress, null);
    }

    /**
     * @param hash the checksum both sides of a comparison share, or null to count only
     * @param snapshot an exported snapshot every scanning session reads at, or null for
     * now
     */
    static List<TableStats> scan(ExecutionValues.Connection db, Duration connectTimeout, List<TableRef> tables,
            TableChecksum hash, int threads, ExecutorService pool, Consumer<String> progress, String snapshot)
            throws Exception {
        List<TableRef> bySize = new ArrayList<>(tables);
        List<TableStats> results = Collections.synchronizedList(new ArrayList<>());
        java.util.Map<TableRef, Long> sizes = sizes(db, connectTimeout, tables);
        bySize.sort((a, b) -> Long.compare(sizes.getOrDefault(b, 0L), sizes.getOrDefault(a, 0L)));
        ConcurrentLinkedQueue<TableRef> queue = new ConcurrentLinkedQueue<>(bySize);
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < Math.max(1, Math.min(threads, tables.size())); i++) {
            workers.add(pool.submit(() -> {
                try (Connection c = PgSession.pinned(db, connectTimeout)) {
                    PgSession.useSnapshot(c, snapshot);
                    scanQueue(c, queue, hash, sizes, results, progress);
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        results.sort((a, b) -> a.table().compareTo(b.table()));
        return results;
    }

    private static void scanQueue(Connection c, ConcurrentLinkedQueue<TableRef> queue, TableChecksum hash,
            java.util.Map<TableRef, Long> sizes, List<TableStats> results, Consumer<String> progress)
            throws SQLException {
        try (Statement st = c.createStatement()) {
            TableRef t;
            while ((t = queue.poll()) != null) {
                // Inside a snapshot's transaction an error would abort every later table:
                // a savepoint keeps them.
                Savepoint before = c.getAutoCommit() ? null : c.setSavepoint();
                try (ResultSet rs = st.executeQuery(hash != null ? hash.query(st, t) : COUNT.formatted(t.quoted()))) {
                    rs.next();
                    results.add(new TableStats(t, rs.getLong(1), rs.getString(2), sizes.getOrDefault(t, 0L)));
                    progress.accept(t + ": " + rs.getLong(1) + " rows");
                }
                catch (SQLException e) {
                    if (!INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
                        throw e;
                    }
                    if (before != null) {
                        c.rollback(before);
                    }
                    results.add(TableStats.unreadable(t, sizes.getOrDefault(t, 0L), firstLine(e.getMessage())));
                    progress.accept(t + ": cannot be read (" + firstLine(e.getMessage()) + ")");
                }
            }
        }
    }

    private static java.util.Map<TableRef, Long> sizes(ExecutionValues.Connection db, Duration connectTimeout,
            List<TableRef> tables) throws SQLException {
        java.util.Map<TableRef, Long> sizes = new java.util.HashMap<>();
        try (Connection c = PgSession.pinned(db, connectTimeout); Statement st = c.createStatement()) {
            for (TableRef t : tables) {
                try (ResultSet rs = st
                    .executeQuery("SELECT pg_total_relation_size('" + t.quoted().replace("'", "''") + "'::regclass)")) {
                    rs.next();
                    sizes.put(t, rs.getLong(1));
                }
            }
        }
        return sizes;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse(s).replaceFirst("^ERROR: ", "");
    }

}
