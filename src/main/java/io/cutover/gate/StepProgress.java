package io.cutover.gate;

import io.cutover.migration.Completion;
import io.cutover.runbook.Step;

/**
 * A step and what may happen to it now.
 *
 * @param latest its newest completion, or null if never done
 * @param blockedReason why it may not act now, or null when it may
 * @param applicable false when the migration's settings (its strategy) leave the step out
 */
public record StepProgress(Step step, Completion latest, int timesDone, String blockedReason, boolean applicable) {

    public boolean done() {
        return latest != null;
    }

    public boolean mayAct() {
        return blockedReason == null;
    }
}
