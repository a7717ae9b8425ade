package io.cutover.copy;

import io.cutover.execution.ArtifactView;
import io.cutover.execution.CheckContext;
import io.cutover.execution.CheckOutcome;
import io.cutover.execution.ProcessResult;
import io.cutover.execution.ResultTable;
import io.cutover.execution.StepCheck;
import io.cutover.migration.ExecutionValues;
import io.cutover.runbook.SqlTarget;
import io.cutover.shared.ConnectionUrl;
import io.cutover.verify.PgSession;
import io.cutover.verify.TableRef;
import io.cutover.verify.TableStats;
import io.cutover.verify.Verifier;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The only backup check that proves a backup restores: the custom dump is restored into a scratch
 * database on the target's server, its tables counted exactly and compared with the source now,
 * and the scratch database dropped again.
 */
@Component
class RestoreTestCheck implements StepCheck {

    private final CopyProperties properties;
    private final Verifier verifier;

    RestoreTestCheck(CopyProperties properties, Verifier verifier) {
        this.properties = properties;
        this.verifier = verifier;
    }

    @Override
    public String name() {
        return "restore-test";
    }

    @Override
    public CheckOutcome run(CheckContext ctx) throws Exception {
        Optional<ArtifactView> dump = ctx.newestArtifact(ctx.option("customDump").orElse("custom-dump"));
        if (dump.isEmpty()) {
            return CheckOutcome.failed("No custom-format dump to test: take the backup first");
        }
        ExecutionValues.Connection server = ctx.requiredConnection(SqlTarget.TARGET);
        ExecutionValues.Connection source = ctx.requiredConnection(SqlTarget.SOURCE);
        String scratchName = "cutover_restore_test_" + ctx.runId();
        ConnectionUrl u = server.url();
        ExecutionValues.Connection scratch = new ExecutionValues.Connection(new ConnectionUrl(u.scheme(), u.user(), u.hostPort(), scratchName, u.query()), server.password());
        try (Connection c = PgSession.open(server, Duration.ofSeconds(10)); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + scratchName);
        } catch (java.sql.SQLException e) {
            return CheckOutcome.failed("42501".equals(e.getSQLState())
                    ? "The target's user may not create databases, which a restore-test needs (grant CREATEDB, or skip this optional step)"
                    : "Cannot create a scratch database: " + Verifier.explain(e, server, u.host() + ":" + u.port()));
        }
        try {
            Path file = ctx.workdir().resolve(dump.get().path());
            ProcessResult restore = Toc.of(ctx, file).restore(ctx, file, scratch, properties.parallelJobs(), RestoreCheck.timeout(ctx));
            if (!restore.succeeded()) {
                return CheckOutcome.failed("The dump did not restore: pg_restore exited with code " + restore.exitCode());
            }
            return compare(ctx, verifier.inventory(scratch, line -> { }), verifier.inventory(source, line -> { }));
        } finally {
            try (Connection c = PgSession.open(server, Duration.ofSeconds(10)); Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + scratchName + " WITH (FORCE)");
            }
        }
    }

    /** Restored counts against the source's counts now; writes since the dump explain a difference. */
    private static CheckOutcome compare(CheckContext ctx, List<TableStats> restored, List<TableStats> sourceNow) {
        Map<TableRef, Long> now = new HashMap<>();
        sourceNow.forEach(t -> now.put(t.table(), t.rows()));
        List<List<String>> rows = new ArrayList<>();
        int differing = 0;
        for (TableStats t : restored) {
            Long current = now.get(t.table());
            boolean same = current != null && current == t.rows();
            differing += same ? 0 : 1;
            rows.add(List.of(t.table().toString(), Long.toString(t.rows()), current == null ? "—" : Long.toString(current), same ? "equal" : "DIFFERENT"));
        }
        rows.forEach(r -> ctx.log().out(String.join("  ", r)));
        String json = new ResultTable(List.of("table", "rows restored", "rows on source now", "result"), rows).toJson();
        boolean complete = restored.size() >= sourceNow.size();
        String message = "The dump restores: " + restored.size() + " tables" + (differing == 0 ? ", every count equal to the source"
                : ", " + differing + " with counts different from the source now (writes since the dump?)");
        return new CheckOutcome(complete, complete ? message : "The restored dump lacks tables the source has", json, List.of());
    }
}
