package io.cutover.gate;

/** Published when the gate refuses an action, so the audit trail shows attempts, not only successes. */
public record ActionRefused(long migrationId, String actor, String action, String target, String reason) {}
