package io.cutover.execution;

import java.time.Instant;
import org.springframework.modulith.NamedInterface;

/** A file a run produced in the migration's working directory. */
@NamedInterface("spi")
public record ArtifactView(long id, long migrationId, long runId, String kind, String path, long sizeBytes,
        String sha256, Instant createdAt) {
}
