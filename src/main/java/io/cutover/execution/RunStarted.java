package io.cutover.execution;

import org.springframework.modulith.NamedInterface;

/** Published when an operator starts a run. */
@NamedInterface("events")
public record RunStarted(long migrationId, long runId, String stepId, String actor, String argvMasked) {
}
