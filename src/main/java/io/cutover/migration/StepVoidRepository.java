package io.cutover.migration;

import java.util.List;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;

interface StepVoidRepository extends Repository<StepVoid, Long> {

    StepVoid save(StepVoid stepVoid);

    @Query("SELECT * FROM step_void WHERE migration_id = :migrationId ORDER BY id")
    List<StepVoid> findByMigration(long migrationId);

}
