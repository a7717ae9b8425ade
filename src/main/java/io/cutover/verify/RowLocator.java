package io.cutover.verify;

import io.cutover.migration.ExecutionValues;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Names the rows behind a differing segment: each side lists the segment's keys with each
 * row's mixed hash (the key range is an index range scan of about 50k rows), and the
 * lists are compared. The first {@link #KEYS} differing keys of a table are named, the
 * first {@link #SHOWN} with both sides' values (the row as text).
 */
final class RowLocator {

    static final int KEYS = 100;
    static final int SHOWN = 5;

    private static final String ABSENT = "—";

    private final ExecutionValues.Connection source;

    private final String snapshot;

    private final ExecutionValues.Connection target;

    private final String targetSnapshot;

    private final TableChecksum checksum;

    private final Duration connectTimeout;

    RowLocator(ExecutionValues.Connection source, String snapshot, ExecutionValues.Connection target,
            TableChecksum checksum, Duration connectTimeout) {
        this(source, snapshot, target, null, checksum, connectTimeout);
    }

    /**
     * With the target read at an exported snapshot as well: a background pass compares
     * both sides at one applied position while the stream goes on.
     */
    RowLocator(ExecutionValues.Connection source, String snapshot, ExecutionValues.Connection target,
            String targetSnapshot, TableChecksum checksum, Duration connectTimeout) {
        this.source = source;
        this.snapshot = snapshot;
        this.target = target;
        this.targetSnapshot = targetSnapshot;
        this.checksum = checksum;
        this.connectTimeout = connectTimeout;
    }

    private enum Kind {

        MISSING("row missing on target"), EXTRA("row only on target"), CHANGED("row differs");

        final String words;

        Kind(String words) {
            this.words = words;
        }

    }

    /**
     * @param where the condition the row was found by: a key range, or (list) the key
     * itself
     */
    private record Found(String where, boolean list, String key, Kind kind) {
    }

    /**
     * One mismatch per differing row (the first {@value #KEYS}), then a note when there
     * are more.
     */
    List<Mismatch> locate(TableRef table, Segmentation plan, SortedSet<Integer> segments) throws SQLException {
        try (Connection src = PgSession.pinned(source, connectTimeout);
                Connection tgt = PgSession.pinned(target, connectTimeout)) {
            PgSession.useSnapshot(src, snapshot);
            PgSession.useSnapshot(tgt, targetSnapshot);
            List<Found> found = new ArrayList<>();
            boolean more = false;
            for (int segment : segments) {
                if (found.size() >= KEYS) {
                    more = true;
                    break;
                }
                String where = plan.rangeCondition(segment);
                compare(hashes(src, table, plan, where, null), hashes(tgt, table, plan, where, null), where, false,
                        found);
            }
            return name(src, tgt, table, plan, found, more);
        }
    }

    /**
     * Compares the rows of the given keys (values of a single-column key, as text) on
     * both sides: the keys the stream changed since the online verification. Answers the
     * differing rows, how many rows were compared and the segments they lie in. Each side
     * first answers the keys' count and checksum per segment (a row per segment over the
     * network); the rows themselves are listed only when those differ.
     */
    Located compareKeys(TableRef table, Segmentation plan, java.util.Collection<String> keys) throws SQLException {
        if (keys.isEmpty()) {
            return new Located(List.of(), 0, Set.of());
        }
        try (Connection src = PgSession.pinned(source, connectTimeout);
                Connection tgt = PgSession.pinned(target, connectTimeout)) {
            PgSession.useSnapshot(src, snapshot);
            PgSession.useSnapshot(tgt, targetSnapshot);
            String where = "t." + TableRef.quote(plan.segmentColumn()) + " = ANY ((?::text[])::" + plan.type() + "[])";
            String[] array = keys.toArray(String[]::new);
            List<Map<Integer, long[]>> sums = onBoth(src, tgt, c -> sums(c, table, plan, where, array));
            Set<Integer> segments = new TreeSet<>(sums.get(0).keySet());
            segments.addAll(sums.get(1).keySet());
            if (equal(sums.get(0), sums.get(1))) {
                return new Located(List.of(), sums.get(0).values().stream().mapToLong(r -> r[0]).sum(), segments);
            }
            List<Map<String, String>> rows = onBoth(src, tgt, c -> hashes(c, table, plan, where, array));
            Map<String, String> s = rows.get(0);
            Map<String, String> t = rows.get(1);
            List<Found> found = new ArrayList<>();
            compare(s, t, where, true, found);
            return new Located(name(src, tgt, table, plan, found, false), Math.max(s.size(), t.size()), segments);
        }
    }

    private interface SideQuery<T> {

        T on(Connection c) throws SQLException;

    }

    /**
     * The same query on both sides at once (inside the downtime every millisecond
     * counts): the source's answer, then the target's.
     */
    private static <T> List<T> onBoth(Connection src, Connection tgt, SideQuery<T> query) throws SQLException {
        var other = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return query.on(tgt);
            }
            catch (SQLException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        T s = query.on(src);
        try {
            return List.of(s, other.join());
        }
        catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw e;
        }
    }

    /**
     * The rows' count and checksum per segment (the checksum's low and high 64 bits: the
     * sum is exact, as a numeric).
     */
    private Map<Integer, long[]> sums(Connection c, TableRef table, Segmentation plan, String where, String[] keys)
            throws SQLException {
        String rowTerm = checksum.rowTerm(c, table);
        String sql = "SELECT " + plan.segmentExpression() + ", count(*), COALESCE(sum(" + rowTerm + "), 0)::text FROM "
                + table.quoted() + " AS t WHERE " + where + " GROUP BY 1";
        Map<Integer, long[]> out = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", keys));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    java.math.BigInteger sum = new java.math.BigInteger(rs.getString(3));
                    out.put(rs.getInt(1),
                            new long[] { rs.getLong(2), sum.longValue(), sum.shiftRight(64).longValue() });
                }
            }
        }
        return out;
    }

    private static boolean equal(Map<Integer, long[]> a, Map<Integer, long[]> b) {
        return a.keySet().equals(b.keySet())
                && a.entrySet().stream().allMatch(e -> java.util.Arrays.equals(e.getValue(), b.get(e.getKey())));
    }

    record Located(List<Mismatch> mismatches, long rowsCompared, Set<Integer> segments) {
    }

    private static void compare(Map<String, String> s, Map<String, String> t, String where, boolean list,
            List<Found> found) {
        for (Map.Entry<String, String> e : s.entrySet()) {
            String other = t.get(e.getKey());
            if (other == null || !other.equals(e.getValue())) {
                found.add(new Found(where, list, e.getKey(), other == null ? Kind.MISSING : Kind.CHANGED));
            }
        }
        t.keySet()
            .stream()
            .filter(k -> !s.containsKey(k))
            .forEach(k -> found.add(new Found(where, list, k, Kind.EXTRA)));
    }

    private List<Mismatch> name(Connection src, Connection tgt, TableRef table, Segmentation plan, List<Found> found,
            boolean more) throws SQLException {
        more |= found.size() > KEYS;
        List<Found> named = found.subList(0, Math.min(KEYS, found.size()));
        List<Mismatch> out = new ArrayList<>();
        for (int i = 0; i < named.size(); i++) {
            Found f = named.get(i);
            String sv = f.kind() == Kind.EXTRA ? ABSENT : i < SHOWN ? rowText(src, table, plan, f) : "(not shown)";
            String tv = f.kind() == Kind.MISSING ? ABSENT : i < SHOWN ? rowText(tgt, table, plan, f) : "(not shown)";
            out.add(new Mismatch(table + " (" + plan.name(f.key()) + ")", f.kind().words, sv, tv, true));
        }
        if (more) {
            out.add(new Mismatch(table.toString(), "more rows differ than the first " + KEYS + " named here", "", "",
                    true));
        }
        return out;
    }

    /** Key text to mixed row hash, in key order. */
    private Map<String, String> hashes(Connection c, TableRef table, Segmentation plan, String where, String[] keys)
            throws SQLException {
        String rowTerm = checksum.rowTerm(c, table);
        String order = String.join(", ", plan.keyColumns().stream().map(k -> "t." + TableRef.quote(k)).toList());
        String sql = "SELECT " + plan.keyText() + ", " + rowTerm + "::text FROM " + table.quoted() + " AS t WHERE "
                + where + " ORDER BY " + order;
        Map<String, String> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (keys != null) {
                ps.setArray(1, c.createArrayOf("text", keys));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    private static String rowText(Connection c, TableRef table, Segmentation plan, Found f) throws SQLException {
        // The key as text, compared as text: the condition it was found by (a key range
        // or a key list) narrows the scan.
        boolean list = f.list();
        String sql = "SELECT t::text FROM " + table.quoted() + " AS t WHERE "
                + (list ? "t." + TableRef.quote(plan.segmentColumn()) + " = (?::text)::" + plan.type() : f.where())
                + " AND " + plan.keyText() + " = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (list) {
                ps.setString(1, f.key());
                ps.setString(2, f.key());
            }
            else {
                ps.setString(1, f.key());
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : ABSENT;
            }
        }
    }

}
