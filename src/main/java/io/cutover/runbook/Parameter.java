package io.cutover.runbook;

import java.util.List;

/**
 * A value the team fills in when it creates a migration; step templates refer to it as
 * {@code ${id}}.
 *
 * @param captured set by a step's output (for example the cluster id printed by
 * {@code fly mpg
 *     create}) rather than typed in up front
 * @param min for numbers, the smallest value allowed (null for no bound)
 * @param max for numbers, the largest value allowed (null for no bound)
 */
public record Parameter(String id, String label, ParameterType type, String defaultValue, boolean required,
        boolean captured, List<String> choices, Integer min, Integer max, String help) {

    public Parameter {
        choices = choices == null ? List.of() : List.copyOf(choices);
        defaultValue = defaultValue == null ? "" : defaultValue;
        help = help == null ? "" : help;
    }

    /** Whether any part of the value must be encrypted at rest and masked on screen. */
    public boolean holdsSecret() {
        return type == ParameterType.SECRET || type == ParameterType.CONNECTION;
    }
}
