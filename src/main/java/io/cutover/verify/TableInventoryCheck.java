package io.cutover.verify;

import io.cutover.execution.CheckContext;
import io.cutover.execution.CheckOutcome;
import io.cutover.execution.ResultTable;
import io.cutover.execution.StepCheck;
import io.cutover.runbook.SqlTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The seed's table inventory, but exact: count(*) per table instead of n_live_tup, which
 * is an estimate and empty right after a restore. Kept as logs/table-inventory.txt.
 */
@Component
class TableInventoryCheck implements StepCheck {

    static final String ARTIFACT = "table-inventory";

    private final Verifier verifier;

    TableInventoryCheck(Verifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public String name() {
        return "table-inventory";
    }

    @Override
    public CheckOutcome run(CheckContext ctx) throws Exception {
        var source = ctx.requiredConnection(SqlTarget.SOURCE);
        List<TableStats> tables = verifier.inventory(source, line -> ctx.log().out(line));
        ResultTable table = table(tables);
        Path file = ctx.workdir().resolve("logs/table-inventory.txt");
        Files.writeString(file, "Exact table inventory of " + source.url().withoutPassword() + "\n\n" + table.toText());
        long rows = tables.stream().mapToLong(TableStats::rows).sum();
        return new CheckOutcome(true,
                tables.size() + " tables, " + rows + " rows (exact counts), saved as logs/table-inventory.txt",
                table.toJson(), List.of(new CheckOutcome.Produced(ARTIFACT, file)));
    }

    static ResultTable table(List<TableStats> tables) {
        return new ResultTable(List.of("schema", "table", "rows", "size"), tables.stream()
            .map(t -> List.of(t.table().schema(), t.table().name(), Long.toString(t.rows()), Sizes.human(t.bytes())))
            .toList());
    }

}
