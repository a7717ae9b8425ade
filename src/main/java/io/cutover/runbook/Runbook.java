package io.cutover.runbook;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A migration runbook: linear phases, flows that open beside them (rollback), the
 * parameters its templates refer to, and the price list used to show what a plan costs.
 *
 * @param source the resource the runbook was loaded from, named in every validation
 * message
 * @param connections which connection parameter a SQL step's target means
 * @param troubleshooting known failures recognised in any run's output
 */
public record Runbook(String id, int version, String title, String summary, String source, List<Parameter> parameters,
        List<Plan> plans, double storagePricePerGb, List<Phase> phases, List<Phase> flows,
        Map<SqlTarget, String> connections, List<TroubleshootingHint> troubleshooting) {

    public Runbook {
        connections = connections == null ? Map.of() : Map.copyOf(connections);
        troubleshooting = troubleshooting == null ? List.of() : List.copyOf(troubleshooting);
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
        plans = plans == null ? List.of() : List.copyOf(plans);
        phases = phases == null ? List.of() : List.copyOf(phases);
        flows = flows == null ? List.of() : List.copyOf(flows);
    }

    /** Linear phases first, then flows: every phase a step can belong to. */
    public Stream<Phase> allPhases() {
        return Stream.concat(phases.stream(), flows.stream());
    }

    public Optional<Phase> phase(String phaseId) {
        return allPhases().filter(p -> p.id().equals(phaseId)).findFirst();
    }

    public Optional<Step> step(String stepId) {
        return allPhases().flatMap(p -> p.steps().stream()).filter(s -> s.id().equals(stepId)).findFirst();
    }

    public Optional<Phase> phaseOfStep(String stepId) {
        return allPhases().filter(p -> p.steps().stream().anyMatch(s -> s.id().equals(stepId))).findFirst();
    }

    public Optional<Parameter> parameter(String parameterId) {
        return parameters.stream().filter(p -> p.id().equals(parameterId)).findFirst();
    }

    public Optional<Gate> gateOfItem(String itemId) {
        return allPhases().flatMap(p -> p.gates().stream())
            .filter(g -> g.items().stream().anyMatch(i -> i.id().equals(itemId)))
            .findFirst();
    }

    public Optional<Phase> phaseOfGate(String gateId) {
        return allPhases().filter(p -> p.gates().stream().anyMatch(g -> g.id().equals(gateId))).findFirst();
    }

    public Optional<Plan> plan(String planId) {
        return plans.stream().filter(p -> p.id().equalsIgnoreCase(planId)).findFirst();
    }

    /** The connection parameter behind a SQL target. */
    public Optional<Parameter> connection(SqlTarget target) {
        return Optional.ofNullable(connections.get(target)).flatMap(this::parameter);
    }

    /** Index of a linear phase, or -1 for a flow. */
    public int linearIndex(String phaseId) {
        for (int i = 0; i < phases.size(); i++) {
            if (phases.get(i).id().equals(phaseId)) {
                return i;
            }
        }
        return -1;
    }
}
