package io.cutover.position;

import io.cutover.execution.RunLauncher;
import io.cutover.gate.ChecklistGate;
import io.cutover.gate.PhaseState;
import io.cutover.migration.MigrationManagement;
import io.cutover.runbook.Phase;
import io.cutover.runbook.Runbook;
import io.cutover.runbook.SqlTarget;
import java.util.List;
import org.springframework.stereotype.Service;

/** The position module's facade: where a migration is now. */
@Service
public class MigrationPositions {

    private final MigrationManagement migrations;

    private final RunLauncher runs;

    private final ChecklistGate gate;

    MigrationPositions(MigrationManagement migrations, RunLauncher runs, ChecklistGate gate) {
        this.migrations = migrations;
        this.runs = runs;
        this.gate = gate;
    }

    /**
     * The full position, "final" included (asks the gate whether the cutover is
     * verified).
     */
    public Position of(long migrationId) {
        Runbook runbook = migrations.runbookOf(migrationId);
        var completions = migrations.completions(migrationId);
        PositionCalculator calculator = new PositionCalculator(runbook);
        boolean usesTarget = calculator.compute(completions, List.of(), false).appUsesTarget();
        boolean verified = usesTarget
                && verificationPhase(runbook).flatMap(p -> gate.progress(migrationId).phase(p.id()))
                    .map(p -> p.state() == PhaseState.DONE)
                    .orElse(false);
        return calculator.compute(completions, runs.forMigration(migrationId), verified);
    }

    /**
     * The linear phase after the one whose step points the app at the target: the
     * cutover's verification.
     */
    private static java.util.Optional<Phase> verificationPhase(Runbook runbook) {
        List<Phase> phases = runbook.phases();
        for (int i = 0; i < phases.size() - 1; i++) {
            if (phases.get(i).steps().stream().anyMatch(s -> s.appDatabase() == SqlTarget.TARGET)) {
                return java.util.Optional.of(phases.get(i + 1));
            }
        }
        return java.util.Optional.empty();
    }

}
