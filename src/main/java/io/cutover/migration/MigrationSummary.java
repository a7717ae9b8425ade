package io.cutover.migration;

import java.time.Instant;

/** A migration as listed: no parameter values. */
public record MigrationSummary(long id, String name, String runbookId, int runbookVersion, String createdBy,
        Instant createdAt) {
}
