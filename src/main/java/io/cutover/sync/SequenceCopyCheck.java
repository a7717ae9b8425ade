package io.cutover.sync;

import io.cutover.execution.CheckContext;
import io.cutover.execution.CheckOutcome;
import io.cutover.execution.ResultTable;
import io.cutover.execution.StepCheck;
import io.cutover.migration.ExecutionValues;
import io.cutover.runbook.SqlTarget;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Logical replication carries rows, not sequence positions: after the drain, every
 * sequence on the target is set to the source's value, or the app's first insert on the
 * target would collide with a key the source already handed out.
 */
@Component
@StepCheck.Named("sync-sequences")
class SequenceCopyCheck implements StepCheck {

    private final SyncRuntime sync;

    SequenceCopyCheck(SyncRuntime sync) {
        this.sync = sync;
    }

    @Override
    public CheckOutcome run(CheckContext ctx) throws Exception {
        boolean drained = sync.streamIs(ctx.migrationId(), SyncState.DRAINED);
        if (!drained) {
            return CheckOutcome
                .failed("Drain the stream first: sequences must be copied after the last write on the source");
        }
        ExecutionValues.Connection source = ctx.requiredConnection(SqlTarget.SOURCE);
        ExecutionValues.Connection target = ctx.requiredConnection(SqlTarget.TARGET);
        List<List<String>> rows = new ArrayList<>();
        try (Connection src = sync.open(source);
                Connection tgt = sync.open(target);
                Statement st = src.createStatement();
                ResultSet rs = st
                    .executeQuery("SELECT format('%I.%I', schemaname, sequencename), last_value FROM pg_sequences"
                            + " WHERE schemaname NOT IN ('pg_catalog', 'information_schema') AND last_value IS NOT NULL ORDER BY 1");
                PreparedStatement set = tgt.prepareStatement("SELECT setval(?::regclass, ?, true)")) {
            while (rs.next()) {
                set.setString(1, rs.getString(1));
                set.setLong(2, rs.getLong(2));
                set.execute();
                rows.add(List.of(rs.getString(1), Long.toString(rs.getLong(2))));
                ctx.log().out(rs.getString(1) + " = " + rs.getLong(2));
            }
        }
        return CheckOutcome.passed("Set " + rows.size() + " sequences on the target to the source's values")
            .withResult(new ResultTable(List.of("sequence", "value"), rows).toJson());
    }

}
