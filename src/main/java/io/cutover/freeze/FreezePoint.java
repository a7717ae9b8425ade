package io.cutover.freeze;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What only a write moves, read at one moment: per table the rows inserted, updated and
 * deleted since statistics began and the table's file (TRUNCATE, VACUUM FULL and rewrites
 * give it a new one), every sequence's value, the WAL position and the database's commit
 * counter (the last two move on their own too — checkpoints, read-only transactions — so
 * they are shown, not judged). Materialized views are left out: the drain refreshes them
 * on the source, the panel's own write.
 */
record FreezePoint(String lsn, long commits, Map<String, TableCounters> tables, Map<String, Long> sequences) {

    record TableCounters(long inserted, long updated, long deleted, long file) {
    }

    static FreezePoint read(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            // Statistics are read as of now, not as cached by an earlier read in this
            // session.
            st.execute("SELECT pg_stat_clear_snapshot()");
            String lsn;
            long commits;
            try (ResultSet rs = st.executeQuery(
                    "SELECT pg_current_wal_lsn()::text, (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database())")) {
                rs.next();
                lsn = rs.getString(1);
                commits = rs.getLong(2);
            }
            Map<String, TableCounters> tables = new TreeMap<>();
            try (ResultSet rs = st.executeQuery(
                    "SELECT format('%I.%I', n.nspname, t.relname), coalesce(s.n_tup_ins, 0), coalesce(s.n_tup_upd, 0),"
                            + " coalesce(s.n_tup_del, 0), pg_relation_filenode(t.oid) FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace"
                            + " LEFT JOIN pg_stat_user_tables s ON s.relid = t.oid WHERE t.relkind IN ('r', 'p')"
                            + " AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'")) {
                while (rs.next()) {
                    tables.put(rs.getString(1),
                            new TableCounters(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
                }
            }
            Map<String, Long> sequences = new TreeMap<>();
            try (ResultSet rs = st
                .executeQuery("SELECT format('%I.%I', schemaname, sequencename), last_value FROM pg_sequences")) {
                while (rs.next()) {
                    String sequence = rs.getString(1);
                    long value = rs.getLong(2);
                    sequences.put(sequence, rs.wasNull() ? Long.MIN_VALUE : value);
                }
            }
            return new FreezePoint(lsn, commits, tables, sequences);
        }
    }

    /**
     * Every difference a write would explain, one line each; empty when nothing was
     * written.
     */
    List<String> writesSince(FreezePoint before) {
        List<String> moved = new ArrayList<>();
        before.tables.forEach((table, was) -> {
            TableCounters now = tables.get(table);
            if (now == null) {
                moved.add(table + ": dropped");
            }
            else if (!now.equals(was)) {
                moved.add(table + ": " + describe(was, now));
            }
        });
        tables.keySet().stream().filter(t -> !before.tables.containsKey(t)).forEach(t -> moved.add(t + ": created"));
        before.sequences.forEach((sequence, was) -> {
            Long now = sequences.get(sequence);
            if (!Objects.equals(was, now)) {
                moved.add("sequence " + sequence + ": " + value(was) + " -> " + value(now));
            }
        });
        return moved;
    }

    private static String describe(TableCounters was, TableCounters now) {
        List<String> parts = new ArrayList<>();
        if (now.inserted != was.inserted) {
            parts.add((now.inserted - was.inserted) + " rows inserted");
        }
        if (now.updated != was.updated) {
            parts.add((now.updated - was.updated) + " updated");
        }
        if (now.deleted != was.deleted) {
            parts.add((now.deleted - was.deleted) + " deleted");
        }
        if (now.file != was.file) {
            parts.add("rewritten or truncated");
        }
        return String.join(", ", parts);
    }

    private static String value(Long v) {
        return v == null ? "dropped" : v == Long.MIN_VALUE ? "never used" : Long.toString(v);
    }
}
