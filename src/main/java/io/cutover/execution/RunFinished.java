package io.cutover.execution;

import java.time.Instant;

/** Published when a run ends, whatever the outcome. */
public record RunFinished(long migrationId, long runId, String stepId, RunStatus status, Integer exitCode, String message, String actor,
        Instant endedAt) {}
