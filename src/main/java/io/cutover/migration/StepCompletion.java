package io.cutover.migration;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** One time a step was done. Never changed afterwards; a redo is a new row. */
@Table("STEP_COMPLETION")
record StepCompletion(@Id Long id, long migrationId, String phaseId, String stepId, String completedBy,
        Instant completedAt, Long runId, String note) {

    Completion toView() {
        return new Completion(id, stepId, phaseId, completedBy, completedAt, runId, note);
    }
}
