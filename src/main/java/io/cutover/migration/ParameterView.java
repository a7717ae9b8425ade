package io.cutover.migration;

import io.cutover.runbook.ParameterType;

/**
 * A parameter as anyone may see it.
 *
 * @param display the value, with any secret part replaced by a mask; empty when not set
 * @param secretSet whether a secret (or a connection's password) is stored
 */
public record ParameterView(String id, String label, ParameterType type, String display, boolean secretSet,
        boolean captured, String help) {

    public boolean isSet() {
        return !display.isEmpty() || secretSet;
    }
}
