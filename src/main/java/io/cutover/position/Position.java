package io.cutover.position;

import io.cutover.runbook.SqlTarget;
import java.time.Instant;

/**
 * Where a migration is right now.
 *
 * @param appDatabase the database the app's DATABASE_URL names (source: Flex, target: the
 * cluster)
 * @param appRunning whether the app is up (not scaled to zero by a downtime step)
 * @param rolledBack whether the app is back on Flex through the rollback flow since its
 * last attach
 * @param description one sentence naming the state and the step that brought it about
 * @param since when that step was done, null before anything changed
 */
public record Position(AppState state, SqlTarget appDatabase, boolean appRunning, boolean rolledBack,
        String description, Instant since, TargetCopy target) {

    /**
     * Whether the app's DATABASE_URL names the target: copying onto it would replace what
     * the app wrote there.
     */
    public boolean appUsesTarget() {
        return appDatabase == SqlTarget.TARGET && state != AppState.DECOMMISSIONED;
    }

    public String label() {
        return state.label();
    }
}
