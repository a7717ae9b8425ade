package io.cutover.capture;

import io.cutover.execution.CheckContext;
import io.cutover.execution.CheckOutcome;
import io.cutover.execution.StepCheck;
import io.cutover.migration.ExecutionValues;
import io.cutover.runbook.SqlTarget;
import io.cutover.verify.PgSession;
import io.cutover.verify.VerificationReport;
import io.cutover.verify.Verifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Rollback step "Carry the cluster's writes back to Flex": freezes the cluster (its
 * capture trigger refuses writes; other sessions of the panel's role are ended), replays
 * what was captured onto Flex, moves Flex's sequences up, removes the capture, and
 * verifies Flex against the cluster.
 */
@Component
@StepCheck.Named("reverse-replay")
record ReplayCheck(Verifier verifier, CaptureEvents events) implements StepCheck {

    private static final Duration CONNECT = Duration.ofSeconds(10);

    @Override
    public CheckOutcome run(CheckContext ctx) throws Exception {
        ExecutionValues.Connection flex = ctx.requiredConnection(SqlTarget.SOURCE);
        ExecutionValues.Connection cluster = ctx.requiredConnection(SqlTarget.TARGET);
        ReverseReplay.Replayed replayed;
        long started = System.nanoTime();
        try (Connection mpg = PgSession.open(cluster, CONNECT, Map.of("ApplicationName", "cutover-replay"));
                Connection src = PgSession.open(flex, CONNECT, Map.of("ApplicationName", "cutover-replay"))) {
            if (!CaptureSchema.installed(mpg)) {
                return CheckOutcome.passed(
                        "Nothing was captured on the cluster (the capture was never installed or is removed): Flex has nothing to receive");
            }
            CaptureSchema.freeze(mpg);
            int ended = endOtherSessions(mpg);
            long[] captured = CaptureSchema.captured(mpg);
            ctx.log()
                .system("Froze the cluster (its capture trigger refuses every write"
                        + (ended == 0 ? "" : "; ended " + ended + " other sessions") + "); " + captured[0]
                        + " changes captured since the switch");
            replayed = ReverseReplay.run(mpg, src, captured[1], ctx.log()::system);
            ctx.log()
                .system("Replayed " + replayed.changes() + " changes onto Flex: " + replayed.byTableAndOperation());
            int tables = CaptureSchema.remove(mpg);
            events.publish(new CaptureStopped(ctx.migrationId(), tables, captured[0], "replayed onto Flex"));
            ctx.log().system("Removed the capture from " + tables + " tables of the cluster");
        }
        long replayMillis = (System.nanoTime() - started) / 1_000_000;
        VerificationReport report = verifier.verify(flex, cluster, line -> ctx.log().out(line));
        CheckOutcome verified = verifier.report(ctx, report);
        String what = "Replayed " + replayed.changes() + " changes from the cluster onto Flex in " + replayMillis
                + " ms" + (replayed.sequencesMoved().isEmpty() ? "" : ", moved " + replayed.sequencesMoved().size()
                        + " sequences up (" + String.join(", ", replayed.sequencesMoved()) + ")")
                + ". ";
        return new CheckOutcome(verified.success(), what + verified.message(), verified.resultJson(),
                verified.produced());
    }

    /**
     * Sessions of the panel's role on the cluster that are not the panel's (a console,
     * the app if it was left running): a role may end its own.
     */
    private static int endOtherSessions(Connection mpg) throws java.sql.SQLException {
        try (PreparedStatement ps = mpg
            .prepareStatement("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND usename = current_user AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
                    + " AND application_name NOT LIKE 'cutover%'");
                var rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

}
