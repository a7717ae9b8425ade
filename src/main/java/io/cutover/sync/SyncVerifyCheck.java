package io.cutover.sync;

import io.cutover.execution.CheckContext;
import io.cutover.execution.CheckOutcome;
import io.cutover.execution.StepCheck;
import io.cutover.runbook.SqlTarget;
import io.cutover.verify.VerificationReport;
import io.cutover.verify.Verifier;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The verification inside the downtime. After an online verification whose record of
 * touched keys is intact (the panel's applier, running since), it re-checks only the
 * segments the stream touched and those left open, plus the tables without segments, the
 * sequences and the schema; otherwise, or with option {@code full: yes}, it verifies
 * everything as the plain verification does.
 */
@Component
@StepCheck.Named("sync-verify")
record SyncVerifyCheck(SyncRuntime sync, OnlineVerifications online, Verifier verifier,
        VerificationPasses passes) implements StepCheck {

    @Override
    public CheckOutcome run(CheckContext ctx) throws Exception {
        long id = ctx.migrationId();
        // A pass still under way stops at its next chunk of keys; what it had not proven
        // is still in the record read below.
        passes.stop(id);
        Optional<String> why = full(ctx, id);
        if (why.isPresent()) {
            ctx.log().system("Full verification: " + why.get());
            return verifier.verifyAndReport(ctx);
        }
        OnlineVerifications.Proof proof = online.proof(id).orElseThrow();
        ctx.log()
            .system("Re-checking what changed since "
                    + (proof.baseline().passes() == 0 ? "the online verification" : "the last background pass") + " at "
                    + proof.baseline().at() + " (source position " + proof.baseline().sourcePosition()
                    + "), the sequences and the schema");
        VerificationReport report = verifier.recheck(ctx.requiredConnection(SqlTarget.SOURCE),
                ctx.requiredConnection(SqlTarget.TARGET), proof.baseline(), proof.rows(), ctx.log());
        ctx.log()
            .system(report.coverage()
                    + ". A full re-check: run this step again with option full = yes, or the step 'Verify everything'");
        return verifier.report(ctx, report);
    }

    /**
     * Why only a full verification proves the target now, or empty when the re-check
     * does.
     */
    private Optional<String> full(CheckContext ctx, long id) {
        if ("yes".equals(ctx.option("full").orElse("no"))) {
            return Optional.of("asked for (option full = yes)");
        }
        Optional<OnlineVerifications.Entry> entry = online.get(id);
        if (entry.isEmpty()) {
            return Optional.of("no online verification of this stream since the panel started");
        }
        if (sync.appliers().touched(id).orElse(null) != entry.get().touched()) {
            return Optional.of("the record of changed rows is not the one the online verification started");
        }
        SyncStream stream = sync.streams().find(id).orElse(null);
        if (stream == null || stream.state() != SyncState.DRAINED || sync.appliers().isRunning(id)) {
            return Optional.of("the stream is not drained and stopped, so the target may still change");
        }
        return Optional.empty();
    }

}
