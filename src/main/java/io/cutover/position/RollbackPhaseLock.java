package io.cutover.position;

import io.cutover.gate.PhaseLock;
import io.cutover.migration.MigrationManagement;
import io.cutover.runbook.Harm;
import io.cutover.runbook.Phase;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * After a rollback, the phase that destroys the Flex app (decommission) is locked until a
 * new cutover puts the app on the cluster again: its checklist asks "run stably with no
 * rollback", which is no longer true, and its last step would drop the database the app
 * uses.
 */
@Component
record RollbackPhaseLock(AppPositions positions, MigrationManagement migrations) implements PhaseLock {

    @Override
    public Map<String, String> locks(long migrationId) {
        Map<String, String> locks = new LinkedHashMap<>();
        Position position = positions.of(migrationId);
        if (!position.rolledBack()) {
            return locks;
        }
        for (Phase phase : migrations.runbookOf(migrationId).phases()) {
            if (phase.steps().stream().anyMatch(s -> s.destroys(Harm.SOURCE))) {
                locks.put(phase.id(), "the migration was rolled back: " + position.description()
                        + " Decommission stays locked until a new cutover puts the app on the cluster again.");
            }
        }
        return locks;
    }

}
