package io.cutover.sync;

import io.cutover.execution.CheckContext;
import io.cutover.execution.CheckOutcome;
import io.cutover.execution.StepCheck;
import io.cutover.migration.ExecutionValues;
import io.cutover.runbook.SqlTarget;
import io.cutover.verify.Mismatch;
import io.cutover.verify.OnlineBaseline;
import io.cutover.verify.Verifier;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The online verification, while the app writes: every segment of every keyed table
 * hashed on both sides (each side at one snapshot), so that inside the downtime only what
 * the stream touches from now on needs reading again. Differences now are not failures
 * (changes in flight between the two snapshots look alike); they are re-checked inside
 * the downtime, with the rows named.
 */
@Component
@StepCheck.Named("sync-verify-online")
class SyncOnlineVerifyCheck implements StepCheck {

    private static final Duration HOLD_WAIT = Duration.ofSeconds(30);

    private final SyncRuntime sync;

    private final OnlineVerifications online;

    private final Verifier verifier;

    private final VerificationPasses passes;

    SyncOnlineVerifyCheck(SyncRuntime sync, OnlineVerifications online, Verifier verifier, VerificationPasses passes) {
        this.sync = sync;
        this.online = online;
        this.verifier = verifier;
        this.passes = passes;
    }

    /**
     * The source at a temporary slot's snapshot, the target with the applier held at that
     * slot's position: both sides the same moment. Null when the applier did not reach it
     * in time.
     */
    private Verifier.Online atOnePosition(CheckContext ctx, long id, ExecutionValues.Connection source,
            ExecutionValues.Connection target) throws Exception {
        return HeldPosition.read(sync, id, source, target, HOLD_WAIT,
                late -> ctx.log().err(late + "; each side is read at its own moment"),
                (sourceSnapshot, targetSnapshot, position) -> {
                    ctx.log()
                        .system("Online verification at source position " + position
                                + ": the source at a snapshot of that position, the target"
                                + " with the stream held there for a moment; every table on both sides while the app writes");
                    return verifier.verifyOnline(source, sourceSnapshot, target, targetSnapshot, position, ctx.log());
                });
    }

    @Override
    public CheckOutcome run(CheckContext ctx) throws Exception {
        long id = ctx.migrationId();
        SyncStream stream = sync.streams().find(id).orElse(null);
        if (stream == null || stream.state() != SyncState.STREAMING) {
            return CheckOutcome.failed("The online verification needs continuous sync streaming (it is "
                    + (stream == null ? "not started" : stream.state().name().toLowerCase()) + ")");
        }
        ExecutionValues.Connection source = ctx.requiredConnection(SqlTarget.SOURCE);
        ExecutionValues.Connection target = ctx.requiredConnection(SqlTarget.TARGET);
        Optional<TouchedKeys> touched = stream.mode() == SyncMode.PANEL && sync.appliers().isRunning(id)
                ? sync.appliers().touched(id) : Optional.empty();
        passes.stop(id);
        online.forget(id);
        // Recording starts before either snapshot is taken: every change after them is
        // then known.
        touched.ifPresent(TouchedKeys::reset);
        Verifier.Online result = touched.isPresent() ? atOnePosition(ctx, id, source, target) : null;
        if (result == null) {
            ctx.log()
                .system("Online verification: every table on both sides, each side at a snapshot of its own, while the stream applies");
            result = verifier.verifyOnline(source, target, ctx.log());
        }
        OnlineBaseline baseline = result.baseline();
        long differences = result.report().mismatches().stream().filter(Mismatch::blocking).count();
        result.report()
            .mismatches()
            .stream()
            .filter(Mismatch::blocking)
            .forEach(m -> ctx.log()
                .out("differs now (re-checked inside the downtime): " + m.object() + ": " + m.difference()));
        String proven = (baseline.segments() - baseline.unprovenSegments()) + " of " + baseline.segments()
                + " segments proven equal at source position " + baseline.sourcePosition();
        if (touched.isEmpty()) {
            return CheckOutcome.passed(proven + "; " + differences
                    + " differences now. With a native subscription the panel does not see which rows"
                    + " the stream changes, so the verification inside the downtime reads every table again");
        }
        online.put(id, baseline, touched.get());
        passes.start(id, source, target);
        return CheckOutcome
            .passed(proven
                    + (baseline.unprovenSegments() == 0 ? ""
                            : "; " + baseline.unprovenSegments()
                                    + " differ now (changes in flight, or real differences)")
                    + ". Inside the downtime 'sync-verify' re-checks every row the stream" + " changes from now on"
                    + (baseline.unprovenSegments() == 0 ? "" : ", and the segments that differ now")
                    + "; until then background passes compare what the stream changed every "
                    + sync.properties().verifyPassInterval().toSeconds()
                    + " s, so it re-checks only what changed since the last pass");
    }

}
