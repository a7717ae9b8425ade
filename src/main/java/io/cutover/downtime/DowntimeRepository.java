package io.cutover.downtime;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

@Repository
class DowntimeRepository {

    private static final RowMapper<DowntimeView> ROW = (rs, i) -> new DowntimeView(rs.getLong("id"),
            rs.getLong("migration_id"), rs.getTimestamp("started_at").toInstant(),
            rs.getTimestamp("ended_at") == null ? null : rs.getTimestamp("ended_at").toInstant(),
            rs.getString("site_url"), rs.getString("status"));

    private final JdbcTemplate jdbc;

    DowntimeRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void open(long migrationId, Instant startedAt, long runId) {
        jdbc.update(
                "INSERT INTO downtime_window (migration_id, started_at, start_run_id, status) VALUES (?, ?, ?, 'OPEN')",
                migrationId, Timestamp.from(startedAt), runId);
    }

    Optional<DowntimeView> openWindow(long migrationId) {
        return jdbc
            .query("SELECT * FROM downtime_window WHERE migration_id = ? AND ended_at IS NULL ORDER BY id DESC LIMIT 1",
                    ROW, migrationId)
            .stream()
            .findFirst();
    }

    void waitingForSite(long id, long endRunId, String siteUrl) {
        jdbc.update("UPDATE downtime_window SET end_run_id = ?, site_url = ?, status = 'WAITING_FOR_SITE' WHERE id = ?",
                endRunId, siteUrl, id);
    }

    /**
     * Whether this call closed it: with two steps that may bring the site back, only the
     * first 200 counts.
     */
    boolean close(long id, Instant endedAt) {
        return 1 == jdbc.update(
                "UPDATE downtime_window SET ended_at = ?, status = 'MEASURED' WHERE id = ? AND ended_at IS NULL",
                Timestamp.from(endedAt), id);
    }

    void gaveUp(long id) {
        jdbc.update("UPDATE downtime_window SET status = 'SITE_NOT_ANSWERING' WHERE id = ? AND ended_at IS NULL", id);
    }

    List<DowntimeView> forMigration(long migrationId) {
        return jdbc.query("SELECT * FROM downtime_window WHERE migration_id = ? ORDER BY id DESC", ROW, migrationId)
            .stream()
            .map(w -> w.withPhases(phases(w.id())))
            .toList();
    }

    void addPhase(long windowId, DowntimePhase phase) {
        jdbc.update(
                "INSERT INTO downtime_phase (window_id, name, started_at, ended_at, outcome) VALUES (?, ?, ?, ?, ?)",
                windowId, phase.name(), Timestamp.from(phase.startedAt()), Timestamp.from(phase.endedAt()),
                phase.outcome());
    }

    private List<DowntimePhase> phases(long windowId) {
        return jdbc.query("SELECT * FROM downtime_phase WHERE window_id = ? ORDER BY started_at, id",
                (rs, i) -> new DowntimePhase(rs.getString("name"), rs.getTimestamp("started_at").toInstant(),
                        rs.getTimestamp("ended_at").toInstant(), rs.getString("outcome")),
                windowId);
    }

}
