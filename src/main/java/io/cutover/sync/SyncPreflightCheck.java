package io.cutover.sync;

import io.cutover.execution.CheckContext;
import io.cutover.execution.CheckOutcome;
import io.cutover.execution.StepCheck;
import io.cutover.migration.ExecutionValues;
import io.cutover.runbook.SqlTarget;
import io.cutover.verify.PreflightPoint;
import io.cutover.verify.Verifier;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Whether continuous sync can run between these two servers, and how: every prerequisite
 * in one line with its fix, and the apply mode the target's rights allow. Changes nothing
 * on either side.
 *
 * <p>
 * Option: {@code sourceApp}, the Flex app (for the restart command in a fix).
 */
@Component
@StepCheck.Named("sync-preflight")
class SyncPreflightCheck implements StepCheck {

    private final SyncProperties properties;

    SyncPreflightCheck(SyncProperties properties) {
        this.properties = properties;
    }

    @Override
    public CheckOutcome run(CheckContext ctx) throws Exception {
        List<PreflightPoint> points = new ArrayList<>();
        ExecutionValues.Connection source = ctx.requiredConnection(SqlTarget.SOURCE);
        ExecutionValues.Connection target = ctx.requiredConnection(SqlTarget.TARGET);
        try (Connection c = SourceSlot.open(source, properties.connectTimeout())) {
            points.addAll(SyncPrerequisites.source(c, ctx.option("sourceApp").orElse("")));
        }
        catch (SQLException e) {
            points.add(unreachable("source", e, source));
        }
        Optional<String> refusal = Optional.empty();
        try (Connection c = SourceSlot.open(target, properties.connectTimeout())) {
            refusal = NativeSubscription.refusal(c);
            points.add(SyncPrerequisites.mode(refusal));
            if (refusal.isPresent()) {
                points.add(SyncPrerequisites.createRight(c));
            }
            else if (loopback(source) && !loopback(target)) {
                points.add(PreflightPoint.warn("source address",
                        "the target server will connect to the source at " + source.url().host()
                                + ", which is this panel's own machine",
                        "Give the source connection an address the target server can reach (on Fly, <app>.internal)"));
            }
        }
        catch (SQLException e) {
            points.add(unreachable("target", e, target));
        }
        CheckOutcome outcome = Verifier.preflightOutcome(ctx, points);
        String how = refusal.isEmpty() ? "native subscription" : "panel-applied";
        return outcome.success()
                ? new CheckOutcome(true, "Continuous sync can start (" + how + "). " + outcome.message(),
                        outcome.resultJson(), outcome.produced())
                : outcome;
    }

    private static PreflightPoint unreachable(String side, SQLException e, ExecutionValues.Connection db) {
        return PreflightPoint.fail(side + " reachable",
                Verifier.explain(e, db, db.url().host() + ":" + db.url().port()),
                "Fix the " + side + " connection on the Parameters page (or start the proxy it goes through)");
    }

    private static boolean loopback(ExecutionValues.Connection db) {
        String host = db.url().host().toLowerCase();
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || db.url().isLoopbackName();
    }

}
