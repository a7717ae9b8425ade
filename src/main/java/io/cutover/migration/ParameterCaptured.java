package io.cutover.migration;

import org.springframework.modulith.NamedInterface;

/** Published when a run's output set a parameter (the value itself is never carried). */
@NamedInterface("events")
public record ParameterCaptured(long migrationId, String parameterId, Long runId, String actor) {
}
