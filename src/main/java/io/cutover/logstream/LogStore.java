package io.cutover.logstream;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The H2 side of run logs: batched inserts, ordered reads by sequence number. */
@Repository
class LogStore {

    private static final RowMapper<Row> ROW = (rs, i) -> new Row(rs.getLong("run_id"), rs.getLong("seq"),
            rs.getTimestamp("ts").toInstant(), rs.getString("stream"), rs.getString("text"));

    /** A row of {@code run_log}: one event, or a block of them. */
    private record Row(long runId, long seq, Instant ts, String stream, String text) {

        static Row of(LogEvent e) {
            return new Row(e.runId(), e.seq(), e.ts(), e.channel().code(), e.text());
        }

    }

    private final JdbcTemplate jdbc;

    LogStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One transaction per batch: H2 would otherwise commit every row on its own. A run's
     * long stretches of events go in blocks ({@link LogBlock}), the rest a row each.
     */
    @Transactional
    void insert(List<LogEvent> events) {
        List<Row> rows = new ArrayList<>();
        Map<Long, List<LogEvent>> byRun = new LinkedHashMap<>();
        for (LogEvent e : events) {
            byRun.computeIfAbsent(e.runId(), id -> new ArrayList<>()).add(e);
        }
        for (List<LogEvent> run : byRun.values()) {
            run.sort(Comparator.comparingLong(LogEvent::seq));
            if (run.size() < LogBlock.MIN_EVENTS) {
                run.forEach(e -> rows.add(Row.of(e)));
                continue;
            }
            for (List<LogEvent> block : LogBlock.pack(run)) {
                LogEvent last = block.get(block.size() - 1);
                rows.add(block.size() == 1 ? Row.of(last)
                        : new Row(last.runId(), last.seq(), last.ts(), LogBlock.STREAM, LogBlock.encode(block)));
            }
        }
        jdbc.batchUpdate("INSERT INTO run_log (run_id, seq, ts, stream, text) VALUES (?, ?, ?, ?, ?)", rows,
                rows.size(), (ps, r) -> {
                    ps.setLong(1, r.runId());
                    ps.setLong(2, r.seq());
                    ps.setTimestamp(3, Timestamp.from(r.ts()));
                    ps.setString(4, r.stream());
                    ps.setString(5, r.text());
                });
    }

    void insertHint(long runId, String hintId, long seq) {
        jdbc.update("MERGE INTO run_hint (run_id, hint_id, seq) KEY (run_id, hint_id) VALUES (?, ?, ?)", runId, hintId,
                seq);
    }

    /**
     * At most {@code limit} events after {@code afterSeq}, in order. Blocks hold many
     * events a row and single rows one, so rows are read a few at a first, then as many
     * as the events still wanted need at the density seen so far.
     */
    List<LogEvent> after(long runId, long afterSeq, int limit) {
        List<LogEvent> out = new ArrayList<>(Math.min(limit, 5000));
        long cursor = afterSeq;
        int rowsRead = 0;
        int rows = Math.min(limit, limit / 64 + 1);
        while (out.size() < limit) {
            List<Row> page = jdbc.query("SELECT * FROM run_log WHERE run_id = ? AND seq > ? ORDER BY seq LIMIT ?", ROW,
                    runId, cursor, rows);
            for (Row r : page) {
                if (out.size() >= limit) {
                    break;
                }
                if (r.stream().equals(LogBlock.STREAM)) {
                    LogBlock.decode(runId, r.text(), afterSeq, limit, out);
                }
                else {
                    out.add(new LogEvent(runId, r.seq(), r.ts(), Channel.of(r.stream()), r.text()));
                }
            }
            if (page.size() < rows) {
                break;
            }
            cursor = page.get(page.size() - 1).seq();
            rowsRead += page.size();
            int wanted = limit - out.size();
            rows = (int) Math.max(1, Math.min(5000, (long) wanted * rowsRead / Math.max(1, out.size()) + 1));
        }
        return out;
    }

    long lastSeq(long runId) {
        Long last = jdbc.queryForObject("SELECT MAX(seq) FROM run_log WHERE run_id = ?", Long.class, runId);
        return last == null ? 0 : last;
    }

    List<HintMatch> hints(long runId) {
        return jdbc.query("SELECT hint_id, seq FROM run_hint WHERE run_id = ? ORDER BY seq",
                (rs, i) -> new HintMatch(rs.getString(1), rs.getLong(2)), runId);
    }

}
