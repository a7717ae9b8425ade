package io.cutover.sync;

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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.stereotype.Component;

/**
 * Readies both sides for the verification inside the downtime window. Every page the app
 * (on the source) or the stream (on the target) has written since it was last read still
 * needs its rows' commit status looked up and recorded on first read; after a minute of
 * heavy writes that first read is several times slower than a clean one. VACUUM does that
 * work now, while the app still runs, and marks the pages all-visible, so the
 * verification after the drain only reads.
 */
@Component
@StepCheck.Named("sync-vacuum")
class SyncVacuumCheck implements StepCheck {

    /**
     * The application's tables this session may vacuum (its own, or all of them for a
     * superuser), largest first.
     */
    private static final String TABLES = """
            SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'cutover_sync')
              AND n.nspname NOT LIKE 'pg\\_%' AND pg_has_role(c.relowner, 'USAGE')
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
            ORDER BY pg_total_relation_size(c.oid) DESC""";

    private final SyncRuntime sync;

    SyncVacuumCheck(SyncRuntime sync) {
        this.sync = sync;
    }

    @Override
    public CheckOutcome run(CheckContext ctx) throws Exception {
        boolean streaming = sync.streamIs(ctx.migrationId(), SyncState.STREAMING);
        if (!streaming) {
            return CheckOutcome.failed(
                    "Nothing to prepare: continuous sync is not streaming (start it first; after the drain it is too late)");
        }
        long started = System.nanoTime();
        ExecutorService sides = Executors.newFixedThreadPool(2, r -> new Thread(r, "sync-vacuum-" + ctx.runId()));
        try {
            Future<List<List<String>>> source = sides.submit(() -> vacuum(ctx, SqlTarget.SOURCE));
            Future<List<List<String>>> target = sides.submit(() -> vacuum(ctx, SqlTarget.TARGET));
            List<List<String>> rows = new ArrayList<>(source.get());
            rows.addAll(target.get());
            long sourceTables = source.get().size();
            return CheckOutcome
                .passed("Vacuumed " + sourceTables + " tables on the source and " + target.get().size()
                        + " on the target in " + (System.nanoTime() - started) / 1_000_000 / 1000.0
                        + " s: the verification after the drain reads clean pages")
                .withResult(new ResultTable(List.of("side", "table", "ms"), rows).toJson());
        }
        finally {
            sides.shutdownNow();
        }
    }

    private List<List<String>> vacuum(CheckContext ctx, SqlTarget side) throws SQLException {
        ExecutionValues.Connection db = ctx.requiredConnection(side);
        String label = side.name().toLowerCase();
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = sync.open(db); Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery(TABLES)) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                long t = System.nanoTime();
                st.execute("VACUUM " + table);
                long ms = (System.nanoTime() - t) / 1_000_000;
                ctx.log().out(label + " " + table + ": VACUUM in " + ms + " ms");
                rows.add(List.of(label, table, Long.toString(ms)));
            }
        }
        return rows;
    }

}
