package io.cutover.position;

import io.cutover.migration.Completion;
import io.cutover.migration.MigrationManagement;
import io.cutover.migration.ParameterChangeGuard;
import io.cutover.runbook.DowntimeMark;
import io.cutover.runbook.Runbook;
import io.cutover.runbook.Step;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The parameters that decide which steps apply (the cutover strategy) freeze once the
 * cutover has started (the app was stopped in a linear phase): switching then would send
 * the cutover back to "in progress" and void the pre-cutover sign-offs in the middle of a
 * downtime. A finished rollback (the app back on Flex and serving) thaws them: the next
 * cutover starts over, and may do so with the other strategy — the case that would
 * otherwise need an admin override (see docs/guards.md).
 */
@Component
class StrategyFreezeGuard implements ParameterChangeGuard {

    // Lazily: the migration module asks its guards while it is itself being built.
    private final ObjectProvider<MigrationManagement> migrations;

    private final ObjectProvider<AppPositions> positions;

    StrategyFreezeGuard(ObjectProvider<MigrationManagement> migrations, ObjectProvider<AppPositions> positions) {
        this.migrations = migrations;
        this.positions = positions;
    }

    @Override
    public Optional<String> refusal(long migrationId, Runbook runbook, List<String> changed) {
        Set<String> deciding = runbook.allPhases()
            .flatMap(p -> p.steps().stream())
            .flatMap(s -> s.when().keySet().stream())
            .collect(Collectors.toSet());
        List<String> touched = changed.stream().filter(deciding::contains).toList();
        if (touched.isEmpty()) {
            return Optional.empty();
        }
        Position position = positions.getObject().of(migrationId);
        if (position.rolledBack() && position.appRunning()) {
            return Optional.empty();
        }
        return migrations.getObject()
            .completions(migrationId)
            .stream()
            .filter(c -> stopsTheAppInCutover(runbook, c))
            .max(java.util.Comparator.comparingLong(Completion::id))
            .map(c -> String.join(", ", touched) + " cannot change: the cutover started when '"
                    + runbook.step(c.stepId()).map(Step::title).orElse(c.stepId()) + "' was done by " + c.completedBy()
                    + " at " + c.completedAt() + ". Switching the strategy now would send the cutover back to"
                    + " in progress and void the pre-cutover sign-offs; finish the cutover with the strategy it started with, or roll back.");
    }

    private static boolean stopsTheAppInCutover(Runbook runbook, Completion c) {
        return runbook.step(c.stepId()).map(s -> s.downtime() == DowntimeMark.START).orElse(false)
                && runbook.phaseOfStep(c.stepId()).map(p -> !p.isFlow()).orElse(false);
    }

}
