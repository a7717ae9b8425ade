package io.cutover.gate;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Every phase of a migration as the gate rule sees it right now. */
public record MigrationProgress(long migrationId, List<PhaseProgress> phases, List<PhaseProgress> flows) {

    public Stream<PhaseProgress> all() {
        return Stream.concat(phases.stream(), flows.stream());
    }

    public Optional<PhaseProgress> phase(String phaseId) {
        return all().filter(p -> p.phase().id().equals(phaseId)).findFirst();
    }

    public Optional<StepProgress> step(String stepId) {
        return all().flatMap(p -> p.steps().stream()).filter(s -> s.step().id().equals(stepId)).findFirst();
    }

    public Optional<ItemProgress> item(String itemId) {
        return all().flatMap(p -> p.gates().stream())
            .flatMap(g -> g.items().stream())
            .filter(i -> i.item().id().equals(itemId))
            .findFirst();
    }

    public Optional<GateProgress> gateOfItem(String itemId) {
        return all().flatMap(p -> p.gates().stream())
            .filter(g -> g.items().stream().anyMatch(i -> i.item().id().equals(itemId)))
            .findFirst();
    }

    /** The phase a team should look at first: the first linear phase not yet done. */
    public PhaseProgress current() {
        return phases.stream()
            .filter(p -> p.state() != PhaseState.DONE)
            .findFirst()
            .orElse(phases.get(phases.size() - 1));
    }
}
