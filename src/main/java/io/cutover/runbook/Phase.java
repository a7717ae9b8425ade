package io.cutover.runbook;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A stage of the runbook. Linear phases open one after another; a flow (such as the
 * rollback plan) opens as soon as the phase named by {@code opensWhenStarted} has
 * started.
 *
 * @param stableSince for a phase that must wait (decommission): the phase whose
 * completion starts the waiting period
 * @param stableDays days that must pass after {@code stableSince} was done before this
 * phase opens; a number or a {@code ${parameter}} so each migration can set its own
 * @param dueDaysAfterCutover for follow-up work (the post-migration phases): days after
 * the measured cutover by which the phase should be done; null when it has no due date
 */
public record Phase(String id, String title, String summary, String opensWhenStarted, String stableSince,
        String stableDays, Integer dueDaysAfterCutover, List<Step> steps, List<Gate> gates) {

    public Phase {
        summary = summary == null ? "" : summary;
        steps = steps == null ? List.of() : List.copyOf(steps);
        gates = gates == null ? List.of() : List.copyOf(gates);
    }

    public boolean isFlow() {
        return opensWhenStarted != null && !opensWhenStarted.isBlank();
    }

    public Stream<Gate> gates(GatePosition position) {
        return gates.stream().filter(g -> g.position() == position);
    }

    /** The gate that must be signed before the given step may act, if any. */
    public Optional<Gate> gateGuarding(String stepId) {
        return gates.stream().filter(g -> g.position() == GatePosition.STEP && stepId.equals(g.guards())).findFirst();
    }

    public boolean hasDueDate() {
        return dueDaysAfterCutover != null;
    }

    public boolean waitsForStablePeriod() {
        return stableSince != null && !stableSince.isBlank();
    }

    public List<String> stepIds() {
        return steps.stream().map(Step::id).toList();
    }
}
