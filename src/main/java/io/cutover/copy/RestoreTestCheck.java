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
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The only backup check that proves a backup restores: the custom dump is restored into a
 * scratch database on a server the panel controls ({@link ScratchServer}; the cluster may
 * not exist yet, and its user may not create databases), its tables counted exactly and
 * compared with the inventory and with the source now, and the scratch database dropped
 * again, whatever happened.
 */
@Component
@StepCheck.Named("restore-test")
record RestoreTestCheck(DumpRestore dumps, ScratchServer scratchServer) implements StepCheck {

    static final String PROVES = "This proves the file is readable and complete: every item of it restored on %s, with the counts below."
            + " It does not prove the cluster takes it (its version, extensions and fly-user's rights are checked by 'Preflight before restore'"
            + " and the restore itself), nor that rows written after the dump are in it.";

    @Override
    public CheckOutcome run(CheckContext ctx) throws Exception {
        return DumpRestore.withNewestDump(ctx, "test", dump -> restoreTest(ctx, dump));
    }

    private CheckOutcome restoreTest(CheckContext ctx, DumpRestore.Dump dump) throws Exception {
        ExecutionValues.Connection source = ctx.requiredConnection(SqlTarget.SOURCE);
        ExecutionValues.Connection server;
        try {
            server = new ExecutionValues.Connection(scratchServer.admin(), Optional.empty());
        }
        catch (RuntimeException e) {
            return CheckOutcome.failed("No server for the scratch database: " + e.getMessage());
        }
        String scratchName = "cutover_restore_test_" + ctx.runId();
        ConnectionUrl u = server.url();
        ExecutionValues.Connection scratch = new ExecutionValues.Connection(
                new ConnectionUrl(u.scheme(), u.user(), u.hostPort(), scratchName, u.query()), Optional.empty());
        String version;
        try (Connection c = PgSession.open(server, Duration.ofSeconds(10)); Statement st = c.createStatement()) {
            version = "PostgreSQL " + scalar(st, "SHOW server_version").replaceAll("\\s.*", "") + " at " + u.host()
                    + ":" + u.port();
            st.execute("CREATE DATABASE " + scratchName);
        }
        catch (java.sql.SQLException e) {
            return CheckOutcome.failed("Cannot create a scratch database on " + u.host() + ":" + u.port() + " ("
                    + ScratchServer.SETTING + "): " + Verifier.explain(e, server, u.host() + ":" + u.port()));
        }
        ctx.log().system("Restoring " + dump.path() + " into the scratch database " + scratchName + " on " + version);
        try {
            ProcessResult restore = dumps.restore(ctx, Toc.of(ctx, dump.file()), dump.file(), scratch);
            if (!restore.succeeded()) {
                return CheckOutcome.failed(
                        "The dump did not restore on " + version + ": pg_restore exited with code " + restore.exitCode()
                                + " (its error is above; an extension the scratch server lacks fails here too)");
            }
            return compare(ctx, dumps.verifier().inventory(scratch, line -> {
            }), inventory(ctx), dumps.verifier().inventory(source, line -> {
            }), version);
        }
        finally {
            try (Connection c = PgSession.open(server, Duration.ofSeconds(10)); Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + scratchName + " WITH (FORCE)");
            }
            ctx.log().system("Dropped the scratch database " + scratchName);
        }
    }

    /**
     * Restored counts against the inventory and the source's counts now; writes since the
     * dump explain a difference.
     */
    private static CheckOutcome compare(CheckContext ctx, List<TableStats> restored, Map<String, Long> inventory,
            List<TableStats> sourceNow, String version) {
        Map<TableRef, Long> now = new HashMap<>();
        sourceNow.forEach(t -> now.put(t.table(), t.rows()));
        List<List<String>> rows = new ArrayList<>();
        int differing = 0;
        long total = 0;
        for (TableStats t : restored) {
            Long current = now.get(t.table());
            Long counted = inventory.get(t.table().toString());
            boolean same = current != null && current == t.rows();
            differing += same ? 0 : 1;
            total += t.rows();
            rows.add(List.of(t.table().toString(), Long.toString(t.rows()),
                    counted == null ? "—" : Long.toString(counted), current == null ? "—" : Long.toString(current),
                    same ? "equal" : "DIFFERENT"));
        }
        rows.forEach(r -> ctx.log().out(String.join("  ", r)));
        String json = new ResultTable(
                List.of("table", "rows restored", "rows in the inventory", "rows on source now", "result"), rows)
            .toJson();
        boolean complete = restored.size() >= sourceNow.size();
        String message = "The dump restores on " + version + ": " + restored.size() + " tables, " + total + " rows"
                + (differing == 0 ? ", every count equal to the source"
                        : ", " + differing + " with counts different from the source now (writes since the dump?)")
                + "; the scratch database was dropped. " + String.format(PROVES, version);
        return new CheckOutcome(complete, complete ? message : "The restored dump lacks tables the source has", json,
                List.of());
    }

    /**
     * The table inventory's exact counts by schema.table, from logs/table-inventory.txt;
     * empty before the inventory was taken.
     */
    static Map<String, Long> inventory(CheckContext ctx) {
        Map<String, Long> counts = new HashMap<>();
        Optional<ArtifactView> file = ctx.newestArtifact("table-inventory");
        if (file.isEmpty()) {
            return counts;
        }
        try {
            for (String line : Files.readAllLines(ctx.workdir().resolve(file.get().path()))) {
                String[] cells = line.strip().split("\\s{2,}");
                if (cells.length >= 3 && cells[2].matches("\\d+")) {
                    counts.put(cells[0] + "." + cells[1], Long.parseLong(cells[2]));
                }
            }
        }
        catch (IOException e) {
            ctx.log().err("Cannot read the table inventory: " + e.getMessage());
        }
        return counts;
    }

    private static String scalar(Statement st, String sql) throws java.sql.SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

}
