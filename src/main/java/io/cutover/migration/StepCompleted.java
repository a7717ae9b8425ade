package io.cutover.migration;

/** Published when a step is done (again): earlier sign-offs that attest it stop counting. */
public record StepCompleted(long migrationId, String phaseId, String stepId, long completionId, String actor, Long runId) {}
