package io.cutover.execution;

import io.cutover.gate.PerformerSource;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Tells the gate who started runs of which steps: an operator who ran a step performed
 * it, whatever the outcome.
 */
@Component
class RunPerformers implements PerformerSource {

    private final RunRepository runs;

    RunPerformers(RunRepository runs) {
        this.runs = runs;
    }

    @Override
    public Map<String, Set<String>> performersByStep(long migrationId) {
        Map<String, Set<String>> performers = new HashMap<>();
        runs.performers(migrationId)
            .forEach(p -> performers.computeIfAbsent(p.stepId(), k -> new HashSet<>()).add(p.startedBy()));
        return performers;
    }

}
