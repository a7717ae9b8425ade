package io.cutover.signoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jdbc.test.autoconfigure.DataJdbcTest;
import org.springframework.jdbc.core.JdbcTemplate;

@DataJdbcTest
class SignOffRepositoryTest {

    @Autowired
    SignOffRepository repository;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void findsOnlyActiveSignOffsThatAttestTheStep() {
        // The migration aggregate belongs to another module: insert its row directly.
        jdbc.update(
                "INSERT INTO migration (name, runbook_id, runbook_version, created_by, created_at, version) VALUES ('m', 'r', 1, 'a', CURRENT_TIMESTAMP, 0)");
        long migration = jdbc.queryForObject("SELECT MAX(id) FROM migration", Long.class);
        SignOff attests = repository.save(
                SignOff.sign(new NewSignOff(migration, "g", "ok-a", "approver", "APPROVER", null, Map.of("one-a", 1L)),
                        Instant.now()));
        repository.save(SignOff.sign(new NewSignOff(migration, "g", "ok-b", "approver", "APPROVER", null, Map.of()),
                Instant.now()));
        SignOff revoked = SignOff.sign(
                new NewSignOff(migration, "g", "ok-a", "approver2", "APPROVER", null, Map.of("one-a", 1L)),
                Instant.now());
        revoked.revoke("approver2", "changed my mind", Instant.now());
        repository.save(revoked);

        assertThat(repository.findActiveAttesting(migration, "one-a")).extracting(SignOff::id)
            .containsExactly(attests.id());
        assertThat(repository.findById(attests.id()).orElseThrow().toView().evidence()).containsEntry("one-a", 1L);
    }

}
