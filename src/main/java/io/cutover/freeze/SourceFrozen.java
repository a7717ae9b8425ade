package io.cutover.freeze;

import java.util.List;
import org.springframework.modulith.NamedInterface;

/** Published when the source is frozen: its writers are blocked and the position is recorded. */
@NamedInterface("events")
public record SourceFrozen(long migrationId, String lsn, List<String> blockedRoles, List<String> endedSessions) {}
