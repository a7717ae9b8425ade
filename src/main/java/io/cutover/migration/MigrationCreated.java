package io.cutover.migration;

import org.springframework.modulith.NamedInterface;

/** Published when an admin creates a migration. */
@NamedInterface("events")
public record MigrationCreated(long migrationId, String name, String runbookId, String actor) {
}
