package io.cutover.migration;

import java.util.List;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;

interface StepCompletionRepository extends Repository<StepCompletion, Long> {

    StepCompletion save(StepCompletion completion);

    @Query("SELECT * FROM step_completion WHERE migration_id = :migrationId ORDER BY id")
    List<StepCompletion> findByMigration(long migrationId);

}
