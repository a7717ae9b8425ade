package io.cutover.audit;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * One line of the trail.
 *
 * @param migrationId the migration concerned, or null for panel-wide events (logins,
 * users)
 * @param hash sha256 over the previous hash and this entry's fields
 */
@Table("AUDIT_EVENT")
public record AuditEntry(@Id Long id, Long migrationId, Instant occurredAt, String actor, String action, String details,
        String previousHash, String hash) {
}
