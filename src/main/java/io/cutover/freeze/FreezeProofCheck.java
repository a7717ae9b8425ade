package io.cutover.freeze;

import io.cutover.execution.CheckContext;
import io.cutover.execution.CheckOutcome;
import io.cutover.execution.ResultTable;
import io.cutover.execution.StepCheck;
import io.cutover.runbook.SqlTarget;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Step "Prove nothing was written after the freeze", before the switch: fails, naming the
 * writes and who could have made them, when anything was committed on the source after
 * the freeze position.
 */
@Component
@StepCheck.Named("freeze-proof")
record FreezeProofCheck(SourceFreezes freezes) implements StepCheck {

    @Override
    public CheckOutcome run(CheckContext ctx) throws Exception {
        long started = System.nanoTime();
        SourceFreezes.ProofVerdict v = freezes.prove(ctx.migrationId(), ctx.requiredConnection(SqlTarget.SOURCE),
                ctx.log()::system);
        long millis = (System.nanoTime() - started) / 1_000_000;
        FreezeProof.Result result = v.result();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("WAL position", v.freeze().point().lsn(), result.now().lsn(),
                "moves on its own (checkpoints); not judged"));
        rows.add(List.of("commits", Long.toString(v.freeze().point().commits()), Long.toString(result.now().commits()),
                "counts read-only transactions too (the copy's); not judged"));
        rows.add(List.of("tables and sequences",
                v.freeze().point().tables().size() + " + " + v.freeze().point().sequences().size(),
                result.now().tables().size() + " + " + result.now().sequences().size(),
                result.holds() ? "unchanged" : "changed"));
        if (v.freeze().slot() != null) {
            rows.add(List.of("transactions decoded after the freeze", "0",
                    Integer.toString(result.decodedTransactions()),
                    result.decodedTransactions() == 0 ? "none but the panel's markers" : "see below"));
        }
        result.writes().forEach(w -> rows.add(List.of("written after the freeze", "", "", w)));
        result.writers().forEach(w -> rows.add(List.of("session", "", "", w)));
        ResultTable table = new ResultTable(List.of("measure", "at the freeze", "now", "verdict"), rows);
        if (!result.holds()) {
            ctx.log().err(v.message());
            return CheckOutcome.failed(v.message()
                    + ". The switch is refused: find and stop that writer, then freeze again and re-run the final copy")
                .withResult(table.toJson());
        }
        return CheckOutcome.passed(v.message() + " (proof took " + millis + " ms)").withResult(table.toJson());
    }

}
