package io.cutover.migration;

import java.util.List;
import org.springframework.modulith.NamedInterface;

/**
 * Published when steps stop counting as done (a destructive re-run failed): sign-offs
 * attesting them are void.
 */
@NamedInterface("events")
public record StepsVoided(long migrationId, List<String> stepIds, String reason, String actor, Long runId) {
}
