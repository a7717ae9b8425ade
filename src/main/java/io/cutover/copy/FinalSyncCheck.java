package io.cutover.copy;

import io.cutover.execution.CheckContext;
import io.cutover.execution.CheckOutcome;
import io.cutover.execution.ProcessResult;
import io.cutover.execution.StepCheck;
import io.cutover.migration.ExecutionValues;
import io.cutover.runbook.SqlTarget;
import io.cutover.verify.PgSession;
import io.cutover.verify.Verifier;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The seed's final sync in one guarded action, during downtime: empty the target, copy
 * the source with the fastest engine installed, ANALYZE (unless the engine has), verify.
 * The step itself asks for typed confirmation, because it replaces whatever the target
 * holds.
 *
 * <p>
 * Option: {@code engine} (auto, pgcopydb, pg_dump).
 */
@Component
@StepCheck.Named("final-sync")
record FinalSyncCheck(CopyProperties properties, Verifier verifier, List<CopyEngine> engines,
        CopyProgress progress) implements StepCheck {

    @Override
    public CheckOutcome run(CheckContext ctx) throws Exception {
        ExecutionValues.Connection source = ctx.requiredConnection(SqlTarget.SOURCE);
        ExecutionValues.Connection target = ctx.requiredConnection(SqlTarget.TARGET);
        CopyEngine engine = choose(ctx);
        ctx.harming();
        try (Connection c = PgSession.open(target, Duration.ofSeconds(10))) {
            TargetCleaner.clean(c).forEach(line -> ctx.log().system("target: " + line));
        }
        int jobs = properties.parallelJobs();
        ctx.log().system("Copying with " + engine.name() + ", " + jobs + " jobs");
        long started = System.nanoTime();
        ProcessResult copy;
        if (engine.showsProgress()) {
            copy = engine.copy(ctx, source, target, jobs);
        }
        else {
            try (CopyProgress.Sampling sampling = progress.start(ctx, source, target, "Rows copied")) {
                copy = engine.copy(ctx, source, target, jobs);
                sampling.finish(copy.succeeded());
            }
        }
        if (!copy.succeeded()) {
            return CheckOutcome.failed(
                    copy.failure() != null ? copy.failure() : engine.name() + " exited with code " + copy.exitCode());
        }
        long copyMillis = (System.nanoTime() - started) / 1_000_000;
        if (engine.analyzes()) {
            ctx.log().system("ANALYZE skipped: " + engine.name() + " has analyzed every table it copied");
        }
        else {
            Analyze.run(ctx, target);
        }
        CheckOutcome verified = verifier.verifyAndReport(ctx);
        return verified
            .withMessage("Copied with " + engine.name() + " in " + copyMillis / 1000.0 + " s. " + verified.message());
    }

    CopyEngine choose(CheckContext ctx) throws InterruptedException {
        String wanted = ctx.option("engine").orElse(properties.engine());
        for (CopyEngine engine : engines) {
            if (engine.name().equals(wanted)) {
                return engine;
            }
        }
        CopyEngine fastest = engines.stream().filter(e -> e.name().equals("pgcopydb")).findFirst().orElseThrow();
        return fastest.available(ctx) ? fastest
                : engines.stream().filter(e -> e.name().equals("pg_dump")).findFirst().orElseThrow();
    }

}
