package io.cutover.gate;

import io.cutover.runbook.Phase;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A phase with its state, steps and checklists.
 *
 * @param closedReason why a locked phase is locked (or a warning for a started phase
 * whose predecessor is no longer done); null otherwise
 * @param opensAt when the phase opens, if only a running stable period keeps it locked
 * (decommission after cutover); null otherwise
 */
public record PhaseProgress(Phase phase, PhaseState state, List<StepProgress> steps, List<GateProgress> gates,
        String closedReason, Instant opensAt) {

    public boolean open() {
        return state != PhaseState.LOCKED;
    }

    public Optional<StepProgress> step(String stepId) {
        return steps.stream().filter(s -> s.step().id().equals(stepId)).findFirst();
    }

    public int stepsDone() {
        return (int) steps.stream().filter(StepProgress::done).count();
    }
}
