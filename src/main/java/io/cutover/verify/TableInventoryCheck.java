package io.cutover.verify;

import io.cutover.execution.CheckContext;
import io.cutover.execution.CheckOutcome;
import io.cutover.execution.StepCheck;
import io.cutover.runbook.SqlTarget;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The seed's table inventory, but exact: count(*) per table instead of n_live_tup, which
 * is an estimate and empty right after a restore. Kept as logs/table-inventory.txt
 * ({@link ReportFiles}).
 */
@Component
@StepCheck.Named("table-inventory")
class TableInventoryCheck implements StepCheck {

    private final Verifier verifier;

    TableInventoryCheck(Verifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public CheckOutcome run(CheckContext ctx) throws Exception {
        var source = ctx.requiredConnection(SqlTarget.SOURCE);
        List<TableStats> tables = verifier.inventory(source, line -> ctx.log().out(line));
        return ReportFiles.inventory(ctx, source, tables);
    }

}
