package io.cutover.freeze;

import io.cutover.execution.CheckContext;
import io.cutover.execution.CheckOutcome;
import io.cutover.execution.ResultTable;
import io.cutover.execution.StepCheck;
import io.cutover.runbook.SqlTarget;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Step "Unfreeze the source" (rollback or abort): every blocked role logs in again,
 * exactly as before the freeze.
 */
@Component
@StepCheck.Named("source-unfreeze")
class UnfreezeCheck implements StepCheck {

    private final SourceFreezes freezes;

    UnfreezeCheck(SourceFreezes freezes) {
        this.freezes = freezes;
    }

    @Override
    public CheckOutcome run(CheckContext ctx) throws Exception {
        Optional<List<String>> differences = freezes.unfreeze(ctx.migrationId(),
                ctx.requiredConnection(SqlTarget.SOURCE), ctx.log()::system);
        if (differences.isEmpty()) {
            return CheckOutcome.passed("The source was not frozen: nothing to restore");
        }
        SourceFreezeRecord r = freezes.find(ctx.migrationId()).orElseThrow();
        ResultTable table = new ResultTable(List.of("role", "attributes restored"),
                r.roles().stream().map(role -> List.of(role.name(), role.attributes())).toList());
        if (!differences.get().isEmpty()) {
            return CheckOutcome.failed("Not as before the freeze: " + String.join("; ", differences.get()))
                .withResult(table.toJson());
        }
        return CheckOutcome
            .passed("Unfroze the source: " + r.roles().size() + " roles log in again"
                    + (r.roles().isEmpty() ? "" : " (" + String.join(", ", r.roleNames()) + ")")
                    + "; their attributes and every grant are exactly as before the freeze")
            .withResult(table.toJson());
    }

}
