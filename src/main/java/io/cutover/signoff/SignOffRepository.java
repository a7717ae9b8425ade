package io.cutover.signoff;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;

interface SignOffRepository extends Repository<SignOff, Long> {

    SignOff save(SignOff signOff);

    Optional<SignOff> findById(Long id);

    @Query("SELECT * FROM sign_off WHERE migration_id = :migrationId ORDER BY id")
    List<SignOff> findByMigration(long migrationId);

    @Query("""
            SELECT s.* FROM sign_off s
            WHERE s.migration_id = :migrationId AND s.revoked_at IS NULL AND s.voided_at IS NULL
              AND EXISTS (SELECT 1 FROM sign_off_evidence e WHERE e.sign_off_id = s.id AND e.step_id = :stepId)
            ORDER BY s.id""")
    List<SignOff> findActiveAttesting(long migrationId, String stepId);

}
