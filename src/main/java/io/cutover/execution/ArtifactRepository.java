package io.cutover.execution;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * Artifacts are facts about files, written once: plain SQL is the narrowest repository
 * for them.
 */
@Repository
class ArtifactRepository {

    private static final RowMapper<ArtifactView> ROW = (rs, i) -> new ArtifactView(rs.getLong("id"),
            rs.getLong("migration_id"), rs.getLong("run_id"), rs.getString("kind"), rs.getString("path"),
            rs.getLong("size_bytes"), rs.getString("sha256"), rs.getTimestamp("created_at").toInstant());

    private final JdbcTemplate jdbc;

    ArtifactRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(ArtifactView a) {
        jdbc.update(
                "INSERT INTO artifact (migration_id, run_id, kind, path, size_bytes, sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                a.migrationId(), a.runId(), a.kind(), a.path(), a.sizeBytes(), a.sha256(),
                Timestamp.from(a.createdAt()));
    }

    Optional<ArtifactView> newest(long migrationId, String kind) {
        return jdbc
            .query("SELECT * FROM artifact WHERE migration_id = ? AND kind = ? ORDER BY id DESC LIMIT 1", ROW,
                    migrationId, kind)
            .stream()
            .findFirst();
    }

    List<ArtifactView> forMigration(long migrationId) {
        return jdbc.query("SELECT * FROM artifact WHERE migration_id = ? ORDER BY id DESC", ROW, migrationId);
    }

    List<ArtifactView> forRun(long runId) {
        return jdbc.query("SELECT * FROM artifact WHERE run_id = ? ORDER BY id", ROW, runId);
    }

}
