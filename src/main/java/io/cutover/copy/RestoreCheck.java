package io.cutover.copy;

import io.cutover.execution.CheckContext;
import io.cutover.execution.CheckOutcome;
import io.cutover.execution.ProcessResult;
import io.cutover.execution.StepCheck;
import io.cutover.migration.ExecutionValues;
import io.cutover.runbook.SqlTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The initial copy: the custom dump restored into the target through its direct address,
 * one job per core, without the source's owners and grants (the cluster's user owns
 * everything, so no "expected" role errors), progress counted from the dump's table of
 * contents, then ANALYZE and a full verification.
 *
 * <p>
 * Option: {@code customDump} — the artifact kind to restore.
 */
@Component
@StepCheck.Named("restore")
record RestoreCheck(DumpRestore dumps, CopyProgress progress) implements StepCheck {

    @Override
    public CheckOutcome run(CheckContext ctx) throws Exception {
        return DumpRestore.withNewestDump(ctx, "restore", dump -> restore(ctx, dump));
    }

    private CheckOutcome restore(CheckContext ctx, DumpRestore.Dump dump) throws Exception {
        ExecutionValues.Connection target = ctx.requiredConnection(SqlTarget.TARGET);
        Toc toc = Toc.of(ctx, dump.file());
        if (!toc.listing().succeeded()) {
            return CheckOutcome.failed(dump.path() + " cannot be read by pg_restore --list");
        }
        int jobs = dumps.jobs();
        if (ctx.targetFilledByPanel()) {
            emptyPanelCopy(ctx, target);
        }
        ctx.harming();
        ctx.log().system("Restoring " + toc.size() + " items from " + dump.path() + " with " + jobs + " jobs");
        ProcessResult restore = restoreWithProgress(ctx, toc, dump.file(), target);
        if (!restore.succeeded()) {
            return CheckOutcome.failed(restore.failure() != null ? restore.failure()
                    : "pg_restore exited with code " + restore.exitCode());
        }
        Analyze.run(ctx, target);
        CheckOutcome verified = dumps.verifier().verifyAndReport(ctx);
        return verified.withMessage("Restored " + toc.size() + " items with " + jobs + " jobs. " + verified.message());
    }

    /**
     * The bar counts against the source's tables as they are now: the dump is of the same
     * database, a little older. Without a source connection there is no bar.
     */
    private ProcessResult restoreWithProgress(CheckContext ctx, Toc toc, Path file, ExecutionValues.Connection target)
            throws InterruptedException {
        Optional<ExecutionValues.Connection> source = ctx.connection(SqlTarget.SOURCE);
        if (source.isEmpty()) {
            return dumps.restore(ctx, toc, file, target);
        }
        try (CopyProgress.Sampling sampling = progress.start(ctx, source.get(), target, "Rows restored")) {
            ProcessResult restore = dumps.restore(ctx, toc, file, target);
            sampling.finish(restore.succeeded());
            return restore;
        }
    }

    /**
     * An earlier run of this migration wrote what the target holds (an interrupted or
     * failed restore, or a finished one being redone): empty it first, or the restore
     * fails on objects that already exist. A target the panel never wrote to is left
     * alone.
     */
    private static void emptyPanelCopy(CheckContext ctx, ExecutionValues.Connection target)
            throws java.sql.SQLException {
        try (java.sql.Connection c = io.cutover.verify.PgSession.open(target, Duration.ofSeconds(10))) {
            if (!TargetCleaner.holdsObjects(c)) {
                return;
            }
            ctx.harming();
            ctx.log()
                .system("The target holds what an earlier run of this migration restored or copied there; emptying it first");
            TargetCleaner.clean(c).forEach(line -> ctx.log().system("target: " + line));
        }
    }

}
