package io.cutover.execution;

/** Published when an operator starts a run. */
public record RunStarted(long migrationId, long runId, String stepId, String actor, String argvMasked) {}
