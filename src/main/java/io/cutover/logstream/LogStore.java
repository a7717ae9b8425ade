package io.cutover.logstream;

import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The H2 side of run logs: batched inserts, ordered reads by sequence number. */
@Repository
class LogStore {

    private static final RowMapper<LogEvent> EVENT = (rs, i) -> new LogEvent(rs.getLong("run_id"), rs.getLong("seq"),
            rs.getTimestamp("ts").toInstant(), Channel.of(rs.getString("stream")), rs.getString("text"));

    private final JdbcTemplate jdbc;

    LogStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One transaction per batch: H2 would otherwise commit every row on its own. */
    @Transactional
    void insert(List<LogEvent> events) {
        jdbc.batchUpdate("INSERT INTO run_log (run_id, seq, ts, stream, text) VALUES (?, ?, ?, ?, ?)", events,
                events.size(), (ps, e) -> {
                    ps.setLong(1, e.runId());
                    ps.setLong(2, e.seq());
                    ps.setTimestamp(3, Timestamp.from(e.ts()));
                    ps.setString(4, e.channel().code());
                    ps.setString(5, e.text());
                });
    }

    void insertHint(long runId, String hintId, long seq) {
        jdbc.update("MERGE INTO run_hint (run_id, hint_id, seq) KEY (run_id, hint_id) VALUES (?, ?, ?)", runId, hintId,
                seq);
    }

    List<LogEvent> after(long runId, long afterSeq, int limit) {
        return jdbc.query("SELECT * FROM run_log WHERE run_id = ? AND seq > ? ORDER BY seq LIMIT ?", EVENT, runId,
                afterSeq, limit);
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
