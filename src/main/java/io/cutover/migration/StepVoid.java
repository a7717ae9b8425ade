package io.cutover.migration;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** Completions of a step up to {@code voidThrough} stopped counting, and why. */
@Table("STEP_VOID")
record StepVoid(@Id Long id, long migrationId, String stepId, long voidThrough, String reason, String voidedBy,
        Instant voidedAt, Long runId) {
}
