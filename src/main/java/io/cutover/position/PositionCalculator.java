package io.cutover.position;

import io.cutover.execution.RunStatus;
import io.cutover.execution.RunView;
import io.cutover.migration.Completion;
import io.cutover.runbook.DowntimeMark;
import io.cutover.runbook.Harm;
import io.cutover.runbook.Phase;
import io.cutover.runbook.Runbook;
import io.cutover.runbook.SqlTarget;
import io.cutover.runbook.Step;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Replays the completions that still count, in the order they happened, through what each
 * step declares it does (stops or starts the app, points its DATABASE_URL at a database,
 * destroys the Flex app): the last word of each kind is the present. Pure: no I/O.
 */
final class PositionCalculator {

    private final Runbook runbook;

    PositionCalculator(Runbook runbook) {
        this.runbook = runbook;
    }

    /**
     * @param verified whether the phase after the cutover (verification) is done
     */
    Position compute(List<Completion> completions, List<RunView> runs, boolean verified) {
        SqlTarget database = SqlTarget.SOURCE;
        boolean running = true;
        boolean rolledBack = false;
        boolean decommissioned = false;
        Completion last = null;
        for (Completion c : completions.stream().sorted(Comparator.comparingLong(Completion::id)).toList()) {
            Optional<Step> found = runbook.step(c.stepId());
            if (found.isEmpty()) {
                continue;
            }
            Step step = found.get();
            boolean inFlow = runbook.phaseOfStep(step.id()).map(Phase::isFlow).orElse(false);
            boolean changes = step.appDatabase() != null || step.downtime() != null || step.destroys(Harm.SOURCE);
            if (step.appDatabase() != null) {
                database = step.appDatabase();
                rolledBack = inFlow && database == SqlTarget.SOURCE || rolledBack && database == SqlTarget.SOURCE;
            }
            if (step.downtime() == DowntimeMark.START) {
                running = false;
            }
            else if (step.downtime() == DowntimeMark.END) {
                running = true;
            }
            decommissioned |= step.destroys(Harm.SOURCE);
            if (changes) {
                last = c;
            }
        }
        AppState state = decommissioned ? AppState.DECOMMISSIONED
                : !running ? AppState.STOPPED
                        : database == SqlTarget.TARGET ? (verified ? AppState.FINAL : AppState.ON_MPG)
                                : rolledBack ? AppState.ROLLED_BACK : AppState.ON_FLEX;
        return new Position(state, database, running, rolledBack, describe(state, database, last),
                last == null ? null : last.completedAt(), target(runs));
    }

    private String describe(AppState state, SqlTarget database, Completion last) {
        String where = database == SqlTarget.TARGET ? "the cluster (target)" : "the Flex database (source)";
        String because = last == null ? ""
                : " since '" + runbook.step(last.stepId()).map(Step::title).orElse(last.stepId()) + "' was done by "
                        + last.completedBy();
        return switch (state) {
            case ON_FLEX -> "The app serves from the Flex database; nothing has switched yet" + because + ".";
            case STOPPED -> "The app is stopped" + because + "; its DATABASE_URL names " + where + ".";
            case ON_MPG -> "The app serves from the cluster" + because + ": the target holds live data.";
            case FINAL -> "The app serves from the cluster and the cutover is verified: the target holds live data.";
            case ROLLED_BACK -> "The app was rolled back to the Flex database" + because
                    + "; a new cutover is needed before decommission.";
            case DECOMMISSIONED -> "The Flex app was destroyed" + because + ".";
        };
    }

    /**
     * The newest run that began to overwrite the target decides what it holds; runs that
     * failed before touching it change nothing.
     */
    private TargetCopy target(List<RunView> runs) {
        Optional<RunView> latest = runs.stream()
            .filter(r -> runbook.step(r.stepId()).map(s -> s.destroys(Harm.TARGET)).orElse(false))
            .filter(r -> r.harmed() || r.status().active())
            .max(Comparator.comparingLong(RunView::id));
        if (latest.isEmpty()) {
            return new TargetCopy(TargetCopy.Status.UNTOUCHED, "The panel has not copied anything onto the target.",
                    null, null, null);
        }
        RunView run = latest.get();
        String title = runbook.step(run.stepId()).map(Step::title).orElse(run.stepId());
        String which = "run " + run.id() + " of '" + title + "'";
        if (run.status().active()) {
            return new TargetCopy(TargetCopy.Status.COPYING, "The target is being written by " + which + ".", run.id(),
                    run.stepId(), run.startedAt());
        }
        if (run.status() == RunStatus.SUCCEEDED) {
            return new TargetCopy(TargetCopy.Status.COPIED, "The target holds the copy made by " + which + ".",
                    run.id(), run.stepId(), run.endedAt());
        }
        return new TargetCopy(TargetCopy.Status.PARTIAL,
                "The target holds a partial copy: " + which + " ended " + run.status().name().toLowerCase()
                        + (run.message() == null ? "" : " (" + run.message() + ")")
                        + ". Run the copy again before anything relies on it.",
                run.id(), run.stepId(), run.endedAt());
    }

}
