package io.cutover.sync;

import io.cutover.execution.CheckContext;
import io.cutover.execution.CheckOutcome;
import io.cutover.execution.StepCheck;
import io.cutover.migration.ExecutionValues;
import io.cutover.runbook.SqlTarget;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Drops the stream's slot and publication on the source (which otherwise keeps WAL for it
 * forever), and its subscription or the applier's bookkeeping on the target. Serves both
 * the clean-up after cutover and aborting a sync before it; safe to run again.
 */
@Component
@StepCheck.Named("sync-cleanup")
class SyncCleanupCheck implements StepCheck {

    private final SyncRuntime sync;

    SyncCleanupCheck(SyncRuntime sync) {
        this.sync = sync;
    }

    @Override
    public CheckOutcome run(CheckContext ctx) throws Exception {
        Optional<SyncStream> found = sync.streams().find(ctx.migrationId());
        if (found.isEmpty()) {
            return CheckOutcome.passed("Continuous sync was never started for this migration: nothing to clean up");
        }
        SyncStream stream = found.get();
        ExecutionValues.Connection source = ctx.requiredConnection(SqlTarget.SOURCE);
        ExecutionValues.Connection target = ctx.requiredConnection(SqlTarget.TARGET);
        if (stream.state() == SyncState.STREAMING) {
            ctx.log()
                .err("The stream was still running: changes made on the source from now on will not reach the target");
        }
        SyncTeardown.Result result = SyncTeardown.run(stream, source, target, sync.appliers(), sync.properties(),
                ctx.log()::system, ctx.log()::err);
        if (!result.sourceClean()) {
            return CheckOutcome.failed("The slot " + stream.slotName()
                    + " could not be dropped: the source still keeps WAL for it. Run this step again.");
        }
        if (stream.state() != SyncState.FAILED) {
            sync.streams().cleaned(ctx.migrationId(), sync.clock().instant());
        }
        return result.targetClean() ? CheckOutcome.passed("Slot and publication " + stream
            .slotName() + " dropped on the source; nothing of the sync is left on either side") : CheckOutcome.failed(
                    "The source is clean (slot and publication dropped), but the target could not be reached to remove the sync's"
                            + " subscription or bookkeeping; run this step again once it answers");
    }

}
