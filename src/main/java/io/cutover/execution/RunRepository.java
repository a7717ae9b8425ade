package io.cutover.execution;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;

interface RunRepository extends Repository<Run, Long> {

    Run save(Run run);

    Optional<Run> findById(Long id);

    @Query("SELECT * FROM run WHERE migration_id = :migrationId AND active_lock IS NOT NULL")
    Optional<Run> findActive(long migrationId);

    @Query("SELECT * FROM run WHERE status IN ('QUEUED', 'RUNNING') ORDER BY id")
    List<Run> findAllActive();

    @Query("SELECT * FROM run WHERE migration_id = :migrationId ORDER BY id DESC")
    List<Run> findByMigration(long migrationId);

    @Query("SELECT * FROM run WHERE migration_id = :migrationId AND step_id = :stepId ORDER BY id DESC")
    List<Run> findByStep(long migrationId, String stepId);

    @Query("SELECT DISTINCT step_id, started_by FROM run WHERE migration_id = :migrationId")
    List<StepPerformer> performers(long migrationId);

    record StepPerformer(String stepId, String startedBy) {
    }

}
