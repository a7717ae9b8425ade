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

    /** Steps of runs before {@code beforeRunId} that began to overwrite something. */
    @Query("SELECT DISTINCT step_id FROM run WHERE migration_id = :migrationId AND harmed AND id < :beforeRunId")
    List<String> harmedSteps(long migrationId, long beforeRunId);

    @Query("SELECT * FROM run WHERE migration_id = :migrationId AND step_id = :stepId ORDER BY id DESC")
    List<Run> findByStep(long migrationId, String stepId);

    // An empty filter value matches every run.
    String FILTERED = " FROM run WHERE migration_id = :migrationId AND (:phase = '' OR phase_id = :phase)"
            + " AND (:step = '' OR step_id = :step) AND (:status = '' OR status = :status)"
            + " AND (:actor = '' OR started_by = :actor)";

    @Query("SELECT *" + FILTERED + " ORDER BY id DESC LIMIT :limit OFFSET :offset")
    List<Run> findFiltered(long migrationId, String phase, String step, String status, String actor, int limit,
            long offset);

    @Query("SELECT COUNT(*)" + FILTERED)
    long countFiltered(long migrationId, String phase, String step, String status, String actor);

    @Query("SELECT DISTINCT step_id, started_by FROM run WHERE migration_id = :migrationId")
    List<StepPerformer> performers(long migrationId);

    record StepPerformer(String stepId, String startedBy) {
    }

}
