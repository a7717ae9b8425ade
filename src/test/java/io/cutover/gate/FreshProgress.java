package io.cutover.gate;

import io.cutover.runbook.Runbook;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The progress of a migration nobody has touched yet, for slices of other modules that
 * stub the gate: the gate's calculator stays package-private, its rule stays the one the
 * slice sees.
 */
public final class FreshProgress {

    private FreshProgress() {
    }

    /** Progress of a fresh migration whose parameters answer {@code values}. */
    public static MigrationProgress of(Runbook runbook, long migrationId, Function<String, String> values) {
        return new ProgressCalculator(runbook, List.of(), List.of(), Map.of(), Instant.now(), 0, values)
            .compute(migrationId);
    }

}
