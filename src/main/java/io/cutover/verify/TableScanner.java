package io.cutover.verify;

import io.cutover.migration.ExecutionValues;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
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
 * Counts (and hashes) tables with several connections at once, largest tables first so the last
 * one to finish is a small one. The hash is computed inside the database: only two numbers per
 * table cross the network.
 */
final class TableScanner {

    /** Order-independent: a sum of per-row hashes does not care in which order rows come back. */
    private static final String HASH = "SELECT count(*), COALESCE(sum(%s), 0)::text FROM %s AS t";
    /** Hashes each column's stored value with its type's own hash function: no text output to build. */
    private static final String RECORD_HASH = "hash_record_extended(t, 0)";
    /** Hashes the row's text form: works for every type, but formatting each value costs time. */
    private static final String TEXT_HASH = "hashtextextended(t::text, 0)";
    /**
     * True when every column's type hashes exactly what its text form shows, so the record hash
     * misses no difference the text hash would catch: integers, bool, oid, text types under a
     * deterministic collation, char(n) (stored padded, so trailing blanks cannot differ), bytea,
     * uuid, date, time, timestamp(tz). Not numeric (1.0 and 1.00 hash
     * alike), not float (0 and -0), interval, jsonb or json (equal values, different text), nor types
     * without a hash function; those tables keep the text hash.
     */
    private static final String RECORD_HASHABLE = """
            SELECT coalesce(bool_and((a.atttypid IN (16, 20, 21, 23, 25, 26, 17, 1043, 1082, 1083, 1114, 1184, 2950)
                                          OR a.atttypid = 1042 AND a.atttypmod > 0)
                                     AND coalesce(c.collisdeterministic, true)), true)
            FROM pg_attribute a LEFT JOIN pg_collation c ON c.oid = a.attcollation
            WHERE a.attrelid = '%s'::regclass AND a.attnum > 0 AND NOT a.attisdropped""";
    private static final String COUNT = "SELECT count(*), NULL FROM %s AS t";

    private TableScanner() {}

    static List<TableStats> scan(ExecutionValues.Connection db, Duration connectTimeout, List<TableRef> tables, boolean hash, int threads,
            ExecutorService pool, Consumer<String> progress) throws Exception {
        return scan(db, connectTimeout, tables, hash, threads, pool, progress, null);
    }

    /** @param snapshot an exported snapshot every scanning session reads at, or null for now */
    static List<TableStats> scan(ExecutionValues.Connection db, Duration connectTimeout, List<TableRef> tables, boolean hash, int threads,
            ExecutorService pool, Consumer<String> progress, String snapshot) throws Exception {
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

    private static void scanQueue(Connection c, ConcurrentLinkedQueue<TableRef> queue, boolean hash, java.util.Map<TableRef, Long> sizes,
            List<TableStats> results, Consumer<String> progress) throws SQLException {
        try (Statement st = c.createStatement()) {
            TableRef t;
            while ((t = queue.poll()) != null) {
                try (ResultSet rs = st.executeQuery(hash ? HASH.formatted(rowHash(st, t), t.quoted()) : COUNT.formatted(t.quoted()))) {
                    rs.next();
                    results.add(new TableStats(t, rs.getLong(1), rs.getString(2), sizes.getOrDefault(t, 0L)));
                    progress.accept(t + ": " + rs.getLong(1) + " rows");
                }
            }
        }
    }

    /** Decided from each side's own catalog: equal schemas hash alike, and a schema difference is reported anyway. */
    private static String rowHash(Statement st, TableRef t) throws SQLException {
        try (ResultSet rs = st.executeQuery(RECORD_HASHABLE.formatted(t.quoted().replace("'", "''")))) {
            rs.next();
            return rs.getBoolean(1) ? RECORD_HASH : TEXT_HASH;
        }
    }

    private static java.util.Map<TableRef, Long> sizes(ExecutionValues.Connection db, Duration connectTimeout, List<TableRef> tables) throws SQLException {
        java.util.Map<TableRef, Long> sizes = new java.util.HashMap<>();
        try (Connection c = PgSession.pinned(db, connectTimeout); Statement st = c.createStatement()) {
            for (TableRef t : tables) {
                try (ResultSet rs = st.executeQuery("SELECT pg_total_relation_size('" + t.quoted().replace("'", "''") + "'::regclass)")) {
                    rs.next();
                    sizes.put(t, rs.getLong(1));
                }
            }
        }
        return sizes;
    }
}
