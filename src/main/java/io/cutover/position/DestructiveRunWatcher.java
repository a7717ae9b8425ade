package io.cutover.position;

import io.cutover.execution.RunFinished;
import io.cutover.execution.RunStatus;
import io.cutover.migration.MigrationManagement;
import io.cutover.runbook.Harm;
import io.cutover.runbook.Runbook;
import io.cutover.runbook.Step;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A run that began overwriting the target and then failed, was cancelled or interrupted
 * leaves a partial copy: the step's earlier completions stop counting (it is not done),
 * and so do the steps that waited for it and the verifications that attested the target's
 * contents, so every sign-off bound to them is void. Synchronous, in the transaction that
 * records the run's end: no moment exists in which the gate still counts the old
 * completion.
 */
@Component
class DestructiveRunWatcher {

    private static final String VERIFICATION = "verification";

    private final MigrationManagement migrations;

    DestructiveRunWatcher(MigrationManagement migrations) {
        this.migrations = migrations;
    }

    @EventListener
    void on(RunFinished e) {
        if (e.status() == RunStatus.SUCCEEDED || !e.harmed()) {
            return;
        }
        Runbook runbook = migrations.runbookOf(e.migrationId());
        Step step = runbook.step(e.stepId()).orElse(null);
        if (step == null || !step.destroys(Harm.TARGET)) {
            return;
        }
        String reason = "run " + e.runId() + " of '" + step.title() + "' ended " + e.status().name().toLowerCase()
                + " after it began overwriting the target, which now holds a partial copy";
        migrations.voidCompletions(e.migrationId(), dependents(runbook, step.id()), reason, "system", e.runId());
    }

    /**
     * The step, every step that waits for it (transitively), and the verifications of the
     * target's contents.
     */
    static List<String> dependents(Runbook runbook, String stepId) {
        Set<String> found = new LinkedHashSet<>(List.of(stepId));
        List<Step> steps = runbook.allPhases().flatMap(p -> p.steps().stream()).toList();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Step s : steps) {
                if (!found.contains(s.id()) && s.after().stream().anyMatch(found::contains)) {
                    grew = found.add(s.id());
                }
            }
        }
        steps.stream().filter(s -> VERIFICATION.equals(s.check())).forEach(s -> found.add(s.id()));
        return new ArrayList<>(found);
    }

}
