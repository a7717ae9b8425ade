package io.cutover.migration;

import org.springframework.modulith.NamedInterface;

/**
 * Published when a step is done (again): earlier sign-offs that attest it stop counting.
 */
@NamedInterface("events")
public record StepCompleted(long migrationId, String phaseId, String stepId, long completionId, String actor,
        Long runId) {
}
