package io.cutover.execution;

import java.time.Duration;
import java.time.Instant;

/**
 * A run as pages and the API show it.
 *
 * @param argvMasked the command exactly as started, secrets masked
 * @param message why it ended, in words (timeout, missing tool, cancelled by whom)
 * @param resultJson a SQL step's or check's result table, if any
 * @param harmed whether it began overwriting what its step destroys (a failed run that
 * did holds a partial result)
 */
public record RunView(long id, long migrationId, String phaseId, String stepId, String kind, RunStatus status,
        String argvMasked, String startedBy, Instant queuedAt, Instant startedAt, Instant endedAt, Integer exitCode,
        String message, String resultJson, boolean harmed) {

    /** Time spent running so far (or in all, once ended). */
    public Duration elapsed() {
        if (startedAt == null) {
            return Duration.ZERO;
        }
        return Duration.between(startedAt, endedAt != null ? endedAt : Instant.now());
    }
}
