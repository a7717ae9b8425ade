package io.cutover.migration;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;

interface MigrationRepository extends Repository<Migration, Long> {

    Migration save(Migration migration);

    Optional<Migration> findById(Long id);

    @Query("SELECT COUNT(*) > 0 FROM migration WHERE LOWER(name) = LOWER(:name)")
    boolean existsByNameIgnoreCase(String name);

    @Query("SELECT id, name, runbook_id, runbook_version, created_by, created_at FROM migration ORDER BY created_at DESC, id DESC")
    List<MigrationSummary> summaries();

    /**
     * Serialises state-changing actions on one migration (gate check and change in one
     * transaction).
     */
    @Query("SELECT id FROM migration WHERE id = :id FOR UPDATE")
    Optional<Long> lock(long id);

}
