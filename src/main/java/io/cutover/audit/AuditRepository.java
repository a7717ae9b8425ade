package io.cutover.audit;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;

/** Insert and read only: the trail has no update or delete path. */
interface AuditRepository extends Repository<AuditEntry, Long> {

    AuditEntry save(AuditEntry entry);

    @Query("SELECT * FROM audit_event ORDER BY id DESC LIMIT 1")
    Optional<AuditEntry> findLast();

    @Query("SELECT * FROM audit_event WHERE migration_id = :migrationId ORDER BY id")
    List<AuditEntry> findByMigration(long migrationId);

    @Query("SELECT * FROM audit_event WHERE migration_id IS NULL ORDER BY id DESC LIMIT :limit")
    List<AuditEntry> findPanelWide(int limit);

    @Query("SELECT * FROM audit_event ORDER BY id")
    List<AuditEntry> findAllInOrder();

}
