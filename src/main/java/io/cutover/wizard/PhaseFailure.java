package io.cutover.wizard;

import io.cutover.runbook.Step;
import java.util.List;

/**
 * The newest failure among a phase's steps, with the causes the runbook's troubleshooting
 * hints name.
 */
public record PhaseFailure(Step step, StepOutcome outcome, List<String> causes) {
}
