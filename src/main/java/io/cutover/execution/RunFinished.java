package io.cutover.execution;

import java.time.Instant;
import org.springframework.modulith.NamedInterface;

/**
 * Published when a run ends, whatever the outcome.
 *
 * @param harmed whether the run had begun overwriting what its step destroys
 */
@NamedInterface("events")
public record RunFinished(long migrationId, long runId, String stepId, RunStatus status, Integer exitCode,
        String message, String actor, Instant endedAt, boolean harmed) {
}
