package io.cutover.position;

import io.cutover.migration.MigrationManagement;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Where the app is, from completions alone: what guards inside the gate and the launcher
 * may ask without asking them back (the target's copy status and "final" need runs and
 * the gate).
 */
@Component
class AppPositions {

    private final MigrationManagement migrations;

    AppPositions(MigrationManagement migrations) {
        this.migrations = migrations;
    }

    Position of(long migrationId) {
        return new PositionCalculator(migrations.runbookOf(migrationId)).compute(migrations.completions(migrationId),
                List.of(), false);
    }

}
