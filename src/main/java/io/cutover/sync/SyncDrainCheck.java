package io.cutover.sync;

import static io.cutover.verify.Sizes.human;

import io.cutover.execution.CheckContext;
import io.cutover.execution.CheckOutcome;
import io.cutover.execution.ResultTable;
import io.cutover.execution.StepCheck;
import io.cutover.migration.ExecutionValues;
import io.cutover.runbook.SqlTarget;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.springframework.stereotype.Component;

/**
 * The data part of a continuous-sync cutover: with writes stopped, wait until the target
 * has applied everything up to the source's current position, then stop the stream so
 * nothing changes the target any more; then the target's materialized views are refreshed
 * from the final data and its triggers checked to be as on the source (the panel's
 * applier had switched them off).
 */
@Component
@StepCheck.Named("sync-drain")
class SyncDrainCheck implements StepCheck {

    private static final Duration POLL = Duration.ofMillis(20);

    private final SyncRuntime sync;

    SyncDrainCheck(SyncRuntime sync) {
        this.sync = sync;
    }

    @Override
    public CheckOutcome run(CheckContext ctx) throws Exception {
        SyncStream stream = sync.streams().find(ctx.migrationId()).orElse(null);
        if (stream == null || stream.state() != SyncState.STREAMING) {
            return CheckOutcome.failed("There is no stream to drain ("
                    + (stream == null ? "continuous sync was never started" : stream.state().name().toLowerCase())
                    + "). Start continuous sync in the Data migration phase first.");
        }
        ExecutionValues.Connection source = ctx.requiredConnection(SqlTarget.SOURCE);
        ExecutionValues.Connection target = ctx.requiredConnection(SqlTarget.TARGET);
        long started = System.nanoTime();
        long goal;
        long reached;
        try (Connection src = sync.open(source)) {
            otherSessions(src).forEach(line -> ctx.log().err(line));
            goal = DrainPosition.finalPosition(src);
            ctx.log()
                .system("The source is at " + PgOutput.lsn(goal)
                        + " (its WAL flushed, asynchronous commits included); waiting until the target has"
                        + " committed everything up to it");
            reached = waitFor(ctx, src, stream, goal);
        }
        if (reached < goal) {
            return CheckOutcome.failed("Cancelled while draining: the target had applied up to " + PgOutput.lsn(reached)
                    + " of " + PgOutput.lsn(goal) + "; the stream keeps running");
        }
        long drainMillis = (System.nanoTime() - started) / 1_000_000;
        stop(ctx, stream, target);
        sync.streams().drained(ctx.migrationId(), PgOutput.lsn(reached), sync.clock().instant());
        List<String> refreshed;
        List<String> triggersOff;
        try (Connection src = sync.open(source); Connection tgt = sync.open(target)) {
            refreshed = TargetRefresh.materializedViews(src, tgt, ctx.log()::system);
            triggersOff = TargetRefresh.triggersAsOnSource(src, tgt, ctx.log()::system);
        }
        ResultTable table = new ResultTable(
                List.of("source position at start", "applied on the target", "drain", "materialized views refreshed"),
                List.of(List.of(PgOutput.lsn(goal), PgOutput.lsn(reached), drainMillis + " ms",
                        refreshed.isEmpty() ? "none" : String.join(", ", refreshed))));
        if (!triggersOff.isEmpty()) {
            return CheckOutcome.failed("Drained, but triggers are not as on the source: "
                    + String.join("; ", triggersOff)
                    + ". Switch them on the target (ALTER TABLE ... ENABLE TRIGGER ...) before the app writes there")
                .withResult(table.toJson());
        }
        return CheckOutcome
            .passed("Drained in " + drainMillis + " ms: the target has applied the source up to " + PgOutput.lsn(goal)
                    + "; the stream is stopped"
                    + (refreshed.isEmpty() ? ""
                            : "; refreshed " + refreshed.size() + " materialized views on both sides")
                    + "; every trigger is as on the source")
            .withResult(table.toJson());
    }

    /**
     * Polls what the target has committed up to; logs the backlog once a second. Returns
     * what was reached.
     */
    private long waitFor(CheckContext ctx, Connection src, SyncStream stream, long goal) throws SQLException {
        long lastLog = System.nanoTime();
        long reached = 0;
        while (!ctx.cancelled()) {
            Optional<ApplierProgress> applier = stream.mode() == SyncMode.PANEL
                    ? sync.appliers().progress(ctx.migrationId()) : Optional.empty();
            reached = Math.max(reached, DrainPosition.reached(src, stream.slotName(), applier));
            if (reached >= goal) {
                return reached;
            }
            if (System.nanoTime() - lastLog > Duration.ofSeconds(1).toNanos()) {
                lastLog = System.nanoTime();
                String error = applier.map(p -> p.lastError).orElse(null);
                ctx.log().out(human(goal - reached) + " still to apply" + (error == null ? "" : " — " + error));
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
        return reached;
    }

    private void stop(CheckContext ctx, SyncStream stream, ExecutionValues.Connection target) throws Exception {
        if (stream.mode() == SyncMode.PANEL) {
            sync.appliers().stop(ctx.migrationId(), Duration.ofSeconds(30));
            try (Connection tgt = sync.open(target)) {
                int restored = AppliedPosition.restoreTriggers(tgt);
                ctx.log()
                    .system("Stopped the panel's applier"
                            + (restored == 0 ? "" : "; switched " + restored + " target triggers back on"));
            }
        }
        else {
            try (Connection tgt = sync.open(target)) {
                NativeSubscription.disable(tgt, stream.subscriptionName(), Duration.ofSeconds(30));
            }
            ctx.log().system("Disabled subscription " + stream.subscriptionName() + " on the target");
        }
    }

    /**
     * Sessions that could still write: after the drain their changes would not reach the
     * target.
     */
    private static List<String> otherSessions(Connection src) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Statement st = src.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT usename, coalesce(nullif(application_name, ''), '-'), coalesce(client_addr::text, 'local'), count(*)"
                                + " FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()"
                                // Every panel session names itself cutover…: the sync's,
                                // the freeze's and its watcher's.
                                + " AND application_name NOT LIKE 'cutover%' GROUP BY 1, 2, 3 ORDER BY 4 DESC")) {
            while (rs.next()) {
                lines.add("Still connected to the source: " + rs.getInt(4) + " session(s) of " + rs.getString(1) + " ("
                        + rs.getString(2) + ", " + rs.getString(3)
                        + ") — writes they make after the drain will not reach the target");
            }
        }
        return lines;
    }

}
