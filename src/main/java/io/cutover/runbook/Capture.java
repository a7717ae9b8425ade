package io.cutover.runbook;

/**
 * A parameter value read from a step's output: the first match of {@code pattern}'s group 1 (or
 * of the JSON field {@code jsonField}) becomes the value of {@code parameter}.
 */
public record Capture(String parameter, String pattern, String jsonField) {}
