package io.cutover.migration;

/** Published when a run's output set a parameter (the value itself is never carried). */
public record ParameterCaptured(long migrationId, String parameterId, Long runId, String actor) {}
