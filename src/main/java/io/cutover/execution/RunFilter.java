package io.cutover.execution;

import io.cutover.runbook.Runbook;
import io.cutover.shared.InvalidInputException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which runs the runs list shows, as its query parameters say; an empty value filters
 * nothing.
 *
 * @param phase a phase id of the runbook
 * @param step a step id of the runbook
 * @param status a {@link RunStatus} name
 * @param actor who started the run
 */
record RunFilter(String phase, String step, String status, String actor) {

    static final RunFilter NONE = new RunFilter("", "", "", "");

    RunFilter {
        phase = blankIfNull(phase);
        step = blankIfNull(step);
        status = blankIfNull(status);
        actor = blankIfNull(actor);
    }

    /**
     * Refuses values the runbook does not know, so a mistyped bookmark says so instead of
     * showing an empty list.
     */
    RunFilter checkedAgainst(Runbook runbook) {
        if (!phase.isEmpty() && runbook.phase(phase).isEmpty()) {
            throw new InvalidInputException("There is no phase '" + shortened(phase) + "' in this runbook");
        }
        if (!step.isEmpty() && runbook.step(step).isEmpty()) {
            throw new InvalidInputException("There is no step '" + shortened(step) + "' in this runbook");
        }
        if (!status.isEmpty() && Arrays.stream(RunStatus.values()).noneMatch(s -> s.name().equals(status))) {
            throw new InvalidInputException("The status must be one of "
                    + Arrays.stream(RunStatus.values()).map(Enum::name).collect(Collectors.joining(", ")) + ", not '"
                    + shortened(status) + "'");
        }
        InvalidInputException.requireAtMost("actor", actor, 100);
        return this;
    }

    /** The filters as the list's query parameters, in the form's order. */
    Map<String, String> asParameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("phase", phase);
        parameters.put("step", step);
        parameters.put("status", status);
        parameters.put("actor", actor);
        return parameters;
    }

    private static String blankIfNull(String value) {
        return value == null ? "" : value.strip();
    }

    private static String shortened(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }

}
