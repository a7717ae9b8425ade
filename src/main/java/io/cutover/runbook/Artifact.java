package io.cutover.runbook;

/**
 * A file a step produces in the migration's working directory. Later steps refer to the
 * newest one as {@code ${artifact.<id>}}.
 */
public record Artifact(String id, String path) {
}
