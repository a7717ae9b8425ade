package io.cutover.capture;

import io.cutover.execution.CheckContext;
import io.cutover.execution.CheckOutcome;
import io.cutover.execution.ResultTable;
import io.cutover.execution.StepCheck;
import io.cutover.runbook.SqlTarget;
import io.cutover.verify.PgSession;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Step "Capture the cluster's changes for a rollback": installed before the app writes
 * there.
 */
@Component
@StepCheck.Named("reverse-capture-start")
record CaptureStartCheck(CaptureEvents events) implements StepCheck {

    @Override
    public CheckOutcome run(CheckContext ctx) throws Exception {
        try (Connection c = PgSession.open(ctx.requiredConnection(SqlTarget.TARGET), Duration.ofSeconds(10))) {
            List<String> tables = CaptureSchema.install(c);
            long[] captured = CaptureSchema.captured(c);
            events.publish(new CaptureStarted(ctx.migrationId(), tables.size()));
            ResultTable table = new ResultTable(List.of("table", "captured by"),
                    tables.stream().map(t -> List.of(t, "cutover_capture_row, cutover_capture_truncate")).toList());
            return CheckOutcome
                .passed("Capturing every change on " + tables.size()
                        + " tables of the cluster into cutover_capture.change (triggers, with the owner's" + " rights; "
                        + captured[0] + " changes captured so far): a rollback carries them back to Flex")
                .withResult(table.toJson());
        }
    }

}
