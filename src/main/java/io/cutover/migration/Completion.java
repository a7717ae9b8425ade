package io.cutover.migration;

import java.time.Instant;

/**
 * One time a step was done.
 *
 * @param runId the run whose success completed the step, or null for a manual step marked
 * done
 */
public record Completion(long id, String stepId, String phaseId, String completedBy, Instant completedAt, Long runId,
        String note) {
}
