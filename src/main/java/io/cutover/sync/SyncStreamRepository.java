package io.cutover.sync;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

@Repository
class SyncStreamRepository {

    private static final RowMapper<SyncStream> ROW = SyncStreamRepository::map;

    private final JdbcTemplate jdbc;

    SyncStreamRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a new stream before anything exists on the servers, replacing a failed or
     * cleaned one.
     */
    void begin(long migrationId, SyncMode mode, String slot, String publication, Instant now) {
        jdbc.update("DELETE FROM sync_stream WHERE migration_id = ?", migrationId);
        jdbc.update(
                "INSERT INTO sync_stream (migration_id, mode, state, slot_name, publication_name, started_at, updated_at)"
                        + " VALUES (?, ?, 'COPYING', ?, ?, ?, ?)",
                migrationId, mode.name(), slot, publication, ts(now), ts(now));
    }

    Optional<SyncStream> find(long migrationId) {
        return jdbc.query("SELECT * FROM sync_stream WHERE migration_id = ?", ROW, migrationId).stream().findFirst();
    }

    List<SyncStream> inStates(SyncState... states) {
        String in = String.join(",", java.util.Arrays.stream(states).map(s -> "'" + s.name() + "'").toList());
        return jdbc.query("SELECT * FROM sync_stream WHERE state IN (" + in + ") ORDER BY migration_id", ROW);
    }

    void consistentPoint(long migrationId, String lsn, Instant now) {
        jdbc.update("UPDATE sync_stream SET consistent_lsn = ?, updated_at = ? WHERE migration_id = ?", lsn, ts(now),
                migrationId);
    }

    void streaming(long migrationId, Instant now) {
        jdbc.update(
                "UPDATE sync_stream SET state = 'STREAMING', streaming_at = ?, last_error = NULL, updated_at = ? WHERE migration_id = ?",
                ts(now), ts(now), migrationId);
    }

    void drained(long migrationId, String lsn, Instant now) {
        jdbc.update(
                "UPDATE sync_stream SET state = 'DRAINED', drained_lsn = ?, drained_at = ?, updated_at = ? WHERE migration_id = ?",
                lsn, ts(now), ts(now), migrationId);
    }

    void failed(long migrationId, String error, Instant now) {
        jdbc.update("UPDATE sync_stream SET state = 'FAILED', last_error = ?, updated_at = ? WHERE migration_id = ?",
                clip(error), ts(now), migrationId);
    }

    void cleaned(long migrationId, Instant now) {
        jdbc.update("UPDATE sync_stream SET state = 'CLEANED', cleaned_at = ?, updated_at = ? WHERE migration_id = ?",
                ts(now), ts(now), migrationId);
    }

    /**
     * The panel applier's latest error (null once it applies again); the stream keeps its
     * state.
     */
    void applierError(long migrationId, String error, Instant now) {
        jdbc.update("UPDATE sync_stream SET last_error = ?, updated_at = ? WHERE migration_id = ?", clip(error),
                ts(now), migrationId);
    }

    private static SyncStream map(ResultSet rs, int row) throws SQLException {
        return new SyncStream(rs.getLong("migration_id"), SyncMode.valueOf(rs.getString("mode")),
                SyncState.valueOf(rs.getString("state")), rs.getString("slot_name"), rs.getString("publication_name"),
                rs.getString("consistent_lsn"), rs.getString("drained_lsn"), instant(rs, "started_at"),
                instant(rs, "streaming_at"), instant(rs, "drained_at"), instant(rs, "cleaned_at"),
                rs.getString("last_error"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant i) {
        return Timestamp.from(i);
    }

    private static String clip(String s) {
        return s == null || s.length() <= 2000 ? s : s.substring(0, 1997) + "...";
    }

}
