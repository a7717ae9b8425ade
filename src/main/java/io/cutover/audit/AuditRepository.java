package io.cutover.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;

/** Insert and read only: the trail has no update or delete path. */
interface AuditRepository extends Repository<AuditEntry, Long> {

    AuditEntry save(AuditEntry entry);

    @Query("SELECT * FROM audit_event ORDER BY id DESC LIMIT 1")
    Optional<AuditEntry> findLast();

    @Query("SELECT * FROM audit_event WHERE migration_id = :migrationId ORDER BY id")
    List<AuditEntry> findByMigration(long migrationId);

    // One migration's entries, or with a null migration the panel-wide ones; an empty
    // filter value matches every entry.
    String FILTERED = " FROM audit_event WHERE migration_id IS NOT DISTINCT FROM :migrationId"
            + " AND (:actor = '' OR actor = :actor) AND (:action = '' OR action = :action)"
            + " AND (:kind = '' OR action LIKE CONCAT(:kind, '.%'))"
            + " AND occurred_at >= :since AND occurred_at < :until";

    @Query("SELECT *" + FILTERED + " ORDER BY id DESC LIMIT :limit OFFSET :offset")
    List<AuditEntry> findFiltered(@Nullable Long migrationId, String actor, String action, String kind, Instant since,
            Instant until, int limit, long offset);

    @Query("SELECT COUNT(*)" + FILTERED)
    long countFiltered(@Nullable Long migrationId, String actor, String action, String kind, Instant since,
            Instant until);

    @Query("SELECT DISTINCT actor FROM audit_event WHERE migration_id IS NOT DISTINCT FROM :migrationId ORDER BY actor")
    List<String> actors(@Nullable Long migrationId);

    @Query("SELECT DISTINCT action FROM audit_event WHERE migration_id IS NOT DISTINCT FROM :migrationId ORDER BY action")
    List<String> actions(@Nullable Long migrationId);

    @Query("SELECT * FROM audit_event ORDER BY id")
    List<AuditEntry> findAllInOrder();

}
