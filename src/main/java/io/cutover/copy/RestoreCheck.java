package io.cutover.copy;

import io.cutover.execution.ArtifactView;
import io.cutover.execution.CheckContext;
import io.cutover.execution.CheckOutcome;
import io.cutover.execution.ProcessResult;
import io.cutover.execution.StepCheck;
import io.cutover.migration.ExecutionValues;
import io.cutover.runbook.SqlTarget;
import io.cutover.verify.Verifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The initial copy: the custom dump restored into the target through its direct address, one job
 * per core, without the source's owners and grants (the cluster's user owns everything, so no
 * "expected" role errors), progress counted from the dump's table of contents, then ANALYZE and a
 * full verification.
 *
 * <p>Option: {@code customDump} — the artifact kind to restore.
 */
@Component
class RestoreCheck implements StepCheck {

    private final CopyProperties properties;
    private final Verifier verifier;

    RestoreCheck(CopyProperties properties, Verifier verifier) {
        this.properties = properties;
        this.verifier = verifier;
    }

    @Override
    public String name() {
        return "restore";
    }

    @Override
    public CheckOutcome run(CheckContext ctx) throws Exception {
        Optional<ArtifactView> dump = ctx.newestArtifact(ctx.option("customDump").orElse("custom-dump"));
        if (dump.isEmpty()) {
            return CheckOutcome.failed("No custom-format dump to restore: take the backup first");
        }
        ExecutionValues.Connection target = ctx.requiredConnection(SqlTarget.TARGET);
        Path file = ctx.workdir().resolve(dump.get().path());
        Toc toc = Toc.of(ctx, file);
        if (!toc.listing().succeeded()) {
            return CheckOutcome.failed(dump.get().path() + " cannot be read by pg_restore --list");
        }
        int jobs = properties.parallelJobs();
        ctx.log().system("Restoring " + toc.size() + " items from " + dump.get().path() + " with " + jobs + " jobs");
        ProcessResult restore = toc.restore(ctx, file, target, jobs, timeout(ctx));
        if (!restore.succeeded()) {
            return CheckOutcome.failed(restore.failure() != null ? restore.failure() : "pg_restore exited with code " + restore.exitCode());
        }
        Analyze.run(ctx, target);
        CheckOutcome verified = verifier.verifyAndReport(ctx);
        return new CheckOutcome(verified.success(), "Restored " + toc.size() + " items with " + jobs + " jobs. " + verified.message(),
                verified.resultJson(), verified.produced());
    }

    static Duration timeout(CheckContext ctx) {
        return Optional.ofNullable(ctx.step().timeout()).orElse(Duration.ofHours(6));
    }
}
