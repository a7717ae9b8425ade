package io.cutover.position;

import io.cutover.execution.LaunchGuard;
import io.cutover.runbook.Harm;
import io.cutover.runbook.Step;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Refuses a step when the present position makes what it destroys dangerous: a copy onto
 * a target the app uses (its DATABASE_URL names the cluster: every write since the switch
 * would be lost), and the destruction of the Flex app unless the app has been seen
 * serving from the cluster and Fly confirms its running DATABASE_URL names the cluster
 * (see {@link AppAttachment}). The launcher records each refusal in the audit trail.
 */
@Component
class PositionLaunchGuard implements LaunchGuard {

    // Lazily: the full position (with "final") reads runs, and the launcher that asks
    // this guard owns them.
    private final org.springframework.beans.factory.ObjectProvider<MigrationPositions> positions;

    private final AppAttachment attachment;

    PositionLaunchGuard(org.springframework.beans.factory.ObjectProvider<MigrationPositions> positions,
            AppAttachment attachment) {
        this.positions = positions;
        this.attachment = attachment;
    }

    @Override
    public Optional<String> refusal(long migrationId, Step step) {
        if (!step.destroys(Harm.TARGET) && !step.destroys(Harm.SOURCE)) {
            return Optional.empty();
        }
        Position position = positions.getObject().of(migrationId);
        if (position.state() == AppState.DECOMMISSIONED) {
            return Optional.of("Refused: the migration is " + position.label() + ". " + position.description());
        }
        if (step.destroys(Harm.TARGET) && position.appUsesTarget()) {
            return Optional.of("Refused: '" + step.title() + "' would overwrite the target, and the migration is "
                    + position.label() + ". " + position.description()
                    + " Copying onto it now would replace every write the app made there since the switch."
                    + " To copy again, put the app back on Flex first (rollback flow).");
        }
        if (step.destroys(Harm.SOURCE)
                && (position.appDatabase() != io.cutover.runbook.SqlTarget.TARGET || !position.appRunning())) {
            return Optional.of("Refused: '" + step.title() + "' destroys the Flex app, and the migration is "
                    + position.label() + ". " + position.description()
                    + " The Flex app is destroyed only while the app runs on the cluster.");
        }
        if (step.destroys(Harm.SOURCE)) {
            // The history says the app runs on the cluster; Fly has the last word on what
            // its machines read.
            return attachment.refusal(migrationId, step, position);
        }
        return Optional.empty();
    }

}
