package io.cutover.verify;

import io.cutover.migration.ExecutionValues;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * Names the rows behind a differing segment: each side lists the segment's keys with each row's
 * mixed hash (the key range is an index range scan of about 50k rows), and the lists are compared.
 * The first {@link #KEYS} differing keys of a table are named, the first {@link #SHOWN} with both
 * sides' values (the row as text).
 */
final class RowLocator {

    static final int KEYS = 100;
    static final int SHOWN = 5;
    private static final String ABSENT = "—";

    private final ExecutionValues.Connection source;
    private final String snapshot;
    private final ExecutionValues.Connection target;
    private final TableChecksum checksum;
    private final Duration connectTimeout;

    RowLocator(ExecutionValues.Connection source, String snapshot, ExecutionValues.Connection target, TableChecksum checksum, Duration connectTimeout) {
        this.source = source;
        this.snapshot = snapshot;
        this.target = target;
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

    private record Found(int segment, String key, Kind kind) {}

    /** One mismatch per differing row (the first {@value #KEYS}), then a note when there are more. */
    List<Mismatch> locate(TableRef table, Segmentation plan, SortedSet<Integer> segments) throws SQLException {
        List<Found> found = new ArrayList<>();
        boolean more = false;
        try (Connection src = PgSession.pinned(source, connectTimeout); Connection tgt = PgSession.pinned(target, connectTimeout)) {
            PgSession.useSnapshot(src, snapshot);
            for (int segment : segments) {
                if (found.size() >= KEYS) {
                    more = true;
                    break;
                }
                Map<String, String> s = hashes(src, table, plan, segment);
                Map<String, String> t = hashes(tgt, table, plan, segment);
                for (Map.Entry<String, String> e : s.entrySet()) {
                    String other = t.get(e.getKey());
                    if (other == null || !other.equals(e.getValue())) {
                        found.add(new Found(segment, e.getKey(), other == null ? Kind.MISSING : Kind.CHANGED));
                    }
                }
                t.keySet().stream().filter(k -> !s.containsKey(k)).forEach(k -> found.add(new Found(segment, k, Kind.EXTRA)));
            }
            more |= found.size() > KEYS;
            List<Found> named = found.subList(0, Math.min(KEYS, found.size()));
            List<Mismatch> out = new ArrayList<>();
            for (int i = 0; i < named.size(); i++) {
                Found f = named.get(i);
                String sv = i < SHOWN && f.kind() != Kind.EXTRA ? rowText(src, table, plan, f) : f.kind() == Kind.EXTRA ? ABSENT : "(not shown)";
                String tv = i < SHOWN && f.kind() != Kind.MISSING ? rowText(tgt, table, plan, f) : f.kind() == Kind.MISSING ? ABSENT : "(not shown)";
                out.add(new Mismatch(table + " (" + plan.name(f.key()) + ")", f.kind().words, sv, tv, true));
            }
            if (more) {
                out.add(new Mismatch(table.toString(), "more rows differ than the first " + KEYS + " named here", "", "", true));
            }
            return out;
        }
    }

    /** Key text to mixed row hash, in key order. */
    private Map<String, String> hashes(Connection c, TableRef table, Segmentation plan, int segment) throws SQLException {
        boolean storedValues;
        try (Statement st = c.createStatement()) {
            storedValues = TableChecksum.hashesStoredValues(st, table);
        }
        String order = String.join(", ", plan.keyColumns().stream().map(k -> "t." + TableRef.quote(k)).toList());
        String sql = "SELECT " + plan.keyText() + ", " + checksum.rowExpression(storedValues) + "::text FROM " + table.quoted() + " AS t WHERE "
                + plan.rangeCondition(segment) + " ORDER BY " + order;
        Map<String, String> out = new LinkedHashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    private static String rowText(Connection c, TableRef table, Segmentation plan, Found f) throws SQLException {
        String sql = "SELECT t::text FROM " + table.quoted() + " AS t WHERE " + plan.rangeCondition(f.segment()) + " AND " + plan.keyText() + " = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, f.key());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : ABSENT;
            }
        }
    }
}
