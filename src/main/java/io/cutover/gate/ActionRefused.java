package io.cutover.gate;

import org.springframework.modulith.NamedInterface;

/**
 * Published when the gate refuses an action, so the audit trail shows attempts, not only
 * successes.
 */
@NamedInterface("events")
public record ActionRefused(long migrationId, String actor, String action, String target, String reason) {
}
