package io.cutover.runbook;

import java.util.regex.Pattern;

/**
 * A known failure from the seed's troubleshooting section: when a line of output matches
 * {@code pattern}, the run page shows {@code cause} and {@code fix} beside it;
 * {@code steps} and {@code exceptSteps} narrow the steps whose output it reads.
 */
public record TroubleshootingHint(String id, String pattern, String cause, String fix, java.util.List<String> steps,
        java.util.List<String> exceptSteps) {

    public TroubleshootingHint {
        steps = steps == null ? java.util.List.of() : java.util.List.copyOf(steps);
        exceptSteps = exceptSteps == null ? java.util.List.of() : java.util.List.copyOf(exceptSteps);
    }

    /**
     * Whether the hint speaks about this step's output: a database refusing the app's own
     * credentials in the app's log has another cause and fix than one refusing the
     * panel's.
     */
    public boolean appliesTo(String stepId) {
        return (steps.isEmpty() || steps.contains(stepId)) && !exceptSteps.contains(stepId);
    }

    public Pattern compiled() {
        return Pattern.compile(pattern);
    }
}
