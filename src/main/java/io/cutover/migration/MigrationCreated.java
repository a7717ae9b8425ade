package io.cutover.migration;

/** Published when an admin creates a migration. */
public record MigrationCreated(long migrationId, String name, String runbookId, String actor) {}
