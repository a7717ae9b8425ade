package io.cutover.execution;

import java.time.Instant;

/** A file a run produced in the migration's working directory. */
public record ArtifactView(long id, long migrationId, long runId, String kind, String path, long sizeBytes, String sha256, Instant createdAt) {}
