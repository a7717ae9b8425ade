package io.cutover.execution;

import io.cutover.gate.MigrationProgress;
import io.cutover.gate.PhaseState;
import io.cutover.runbook.Harm;
import io.cutover.runbook.Step;
import io.cutover.shared.InvalidInputException;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The explicit yes the panel asks for where one click would undo finished work or leave a
 * half-done one.
 */
final class RerunConfirmation {

    static final String CANCEL = "cancel";

    private RerunConfirmation() {
    }

    /**
     * A done step of a done phase runs again only when the operator says so: "Run again"
     * on "Stop the app" after cutover takes the site down.
     */
    static void require(MigrationProgress progress, String stepId) {
        progress.all()
            .filter(p -> p.state() == PhaseState.DONE)
            .flatMap(p -> p.steps().stream())
            .filter(s -> s.step().id().equals(stepId) && s.done())
            .findFirst()
            .ifPresent(s -> {
                throw new InvalidInputException(
                        "'" + s.step().title() + "' is already done and its phase is finished: running it again needs"
                                + " an explicit confirmation (rerun)",
                        Map.of("rerun", "Confirm that you mean to run a finished step again"));
            });
    }

    /**
     * Cancelling a run that is overwriting something leaves it half overwritten: the
     * operator types "cancel".
     */
    static void requireCancel(Step step, String confirmation) {
        if (step.destroys().isEmpty() || (confirmation != null && CANCEL.equals(confirmation.strip()))) {
            return;
        }
        String harms = step.destroys().stream().map(Harm::label).collect(Collectors.joining(", "));
        String left = step.destroys(Harm.TARGET) ? "the target then holds a partial copy" : "it may then be half done";
        throw new InvalidInputException(
                "'" + step.title() + "' is overwriting " + harms + ": cancelling it now leaves it half done (" + left
                        + "). Type " + CANCEL + " to confirm",
                Map.of("confirm", "Type " + CANCEL + " to cancel this run"));
    }

}
