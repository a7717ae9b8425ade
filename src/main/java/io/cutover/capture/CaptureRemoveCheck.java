package io.cutover.capture;

import io.cutover.execution.CheckContext;
import io.cutover.execution.CheckOutcome;
import io.cutover.execution.StepCheck;
import io.cutover.runbook.SqlTarget;
import io.cutover.verify.PgSession;
import java.sql.Connection;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Step "Stop capturing on the cluster", once the migration is final: triggers and schema
 * go.
 */
@Component
@StepCheck.Named("reverse-capture-remove")
record CaptureRemoveCheck(CaptureEvents events) implements StepCheck {

    @Override
    public CheckOutcome run(CheckContext ctx) throws Exception {
        try (Connection c = PgSession.open(ctx.requiredConnection(SqlTarget.TARGET), Duration.ofSeconds(10))) {
            if (!CaptureSchema.installed(c)) {
                return CheckOutcome.passed("No capture on the cluster: nothing to remove");
            }
            long[] captured = CaptureSchema.captured(c);
            int tables = CaptureSchema.remove(c);
            events.publish(new CaptureStopped(ctx.migrationId(), tables, captured[0], "the migration is final"));
            return CheckOutcome.passed("Stopped capturing: removed the triggers from " + tables
                    + " tables and the schema cutover_capture (with its " + captured[0]
                    + " captured changes, no longer needed now that the migration is final)");
        }
    }

}
