package io.cutover.migration;

import java.util.Map;

/**
 * What an admin submits to start a migration.
 *
 * @param values parameter id to typed value; missing or blank values take the runbook's
 * default
 */
public record CreateMigration(String name, String runbookId, Map<String, String> values) {

    public CreateMigration {
        values = values == null ? Map.of() : Map.copyOf(values);
    }
}
