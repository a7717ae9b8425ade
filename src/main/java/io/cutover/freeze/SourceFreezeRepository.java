package io.cutover.freeze;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class SourceFreezeRepository {

    private static final JsonMapper JSON = JsonMapper.shared();

    private final JdbcTemplate jdbc;

    SourceFreezeRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<SourceFreezeRecord> find(long migrationId) {
        return jdbc
            .query("SELECT * FROM source_freeze WHERE migration_id = ?", SourceFreezeRepository::map, migrationId)
            .stream()
            .findFirst();
    }

    void save(SourceFreezeRecord r) {
        jdbc.update("DELETE FROM source_freeze WHERE migration_id = ?", r.migrationId());
        jdbc.update(
                "INSERT INTO source_freeze (migration_id, state, panel_role, freeze_lsn, slot_name, point_json, roles_json, sessions_json,"
                        + " grants_digest, frozen_at, proof, proven_at, unfrozen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                r.migrationId(), r.state().name(), r.panelRole(), r.point().lsn(), r.slot(),
                JSON.writeValueAsString(r.point()), JSON.writeValueAsString(r.roles()),
                JSON.writeValueAsString(r.sessions()), r.grantsDigest(), ts(r.frozenAt()), clip(r.proof()),
                ts(r.provenAt()), ts(r.unfrozenAt()));
    }

    private static SourceFreezeRecord map(ResultSet rs, int row) throws SQLException {
        return new SourceFreezeRecord(rs.getLong("migration_id"), FreezeState.valueOf(rs.getString("state")),
                rs.getString("panel_role"), rs.getString("slot_name"),
                JSON.readValue(rs.getString("point_json"), FreezePoint.class),
                JSON.readValue(rs.getString("roles_json"), new TypeReference<List<RoleState>>() {
                }), JSON.readValue(rs.getString("sessions_json"), new TypeReference<List<EndedSession>>() {
                }), rs.getString("grants_digest"), instant(rs, "frozen_at"), rs.getString("proof"),
                instant(rs, "proven_at"), instant(rs, "unfrozen_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static String clip(String s) {
        return s == null || s.length() <= 4000 ? s : s.substring(0, 3997) + "...";
    }

}
