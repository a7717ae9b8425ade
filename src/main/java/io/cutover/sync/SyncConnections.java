package io.cutover.sync;

import io.cutover.migration.ExecutionValues;
import io.cutover.migration.MigrationManagement;
import io.cutover.runbook.Parameter;
import io.cutover.runbook.Runbook;
import io.cutover.runbook.SqlTarget;
import org.springframework.stereotype.Component;

/**
 * A migration's source and target connections and sync settings, for work that runs
 * outside a step.
 */
@Component
class SyncConnections {

    static final String STRATEGY = "syncStrategy";
    static final String CONTINUOUS = "continuous-sync";
    static final String SOURCE_VOLUME = "sourceVolumeGb";

    private final MigrationManagement migrations;

    SyncConnections(MigrationManagement migrations) {
        this.migrations = migrations;
    }

    ExecutionValues.Connection source(long migrationId) {
        return connection(migrationId, SqlTarget.SOURCE);
    }

    ExecutionValues.Connection target(long migrationId) {
        return connection(migrationId, SqlTarget.TARGET);
    }

    private ExecutionValues.Connection connection(long migrationId, SqlTarget side) {
        Runbook runbook = migrations.runbookOf(migrationId);
        String parameter = runbook.connection(side)
            .map(Parameter::id)
            .orElseThrow(() -> new IllegalStateException(
                    "The runbook names no " + side.name().toLowerCase() + " connection"));
        return migrations.executionValues(migrationId)
            .connection(parameter)
            .orElseThrow(
                    () -> new IllegalStateException("The " + side.name().toLowerCase() + " connection is not set"));
    }

    /**
     * Whether the migration has chosen continuous sync (a runbook without the choice
     * never has).
     */
    boolean continuous(long migrationId) {
        return CONTINUOUS.equals(value(migrationId, STRATEGY));
    }

    /**
     * Whether the step belongs to a flow (the rollback plan) rather than a linear phase.
     */
    boolean inFlow(long migrationId, io.cutover.runbook.Step step) {
        return migrations.runbookOf(migrationId)
            .phaseOfStep(step.id())
            .map(io.cutover.runbook.Phase::isFlow)
            .orElse(false);
    }

    /** The source volume's size in bytes, or 0 when the runbook does not say. */
    long sourceVolumeBytes(long migrationId) {
        String gb = value(migrationId, SOURCE_VOLUME);
        return gb.matches("\\d+") ? Long.parseLong(gb) * 1024L * 1024 * 1024 : 0;
    }

    private String value(long migrationId, String parameter) {
        String shown = migrations.details(migrationId).display(parameter);
        return shown.isEmpty()
                ? migrations.runbookOf(migrationId).parameter(parameter).map(Parameter::defaultValue).orElse("")
                : shown;
    }

}
