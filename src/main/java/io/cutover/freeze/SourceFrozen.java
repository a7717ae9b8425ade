package io.cutover.freeze;

import java.time.Instant;
import java.util.List;
import org.springframework.modulith.NamedInterface;

/**
 * Published when the source is frozen: its writers are blocked and the position is
 * recorded.
 *
 * @param startedAt when the panel began freezing (with {@code endedAt}, the freeze's
 * share of the downtime window)
 */
@NamedInterface("events")
public record SourceFrozen(long migrationId, String lsn, List<String> blockedRoles, List<String> endedSessions,
        Instant startedAt, Instant endedAt) {
}
