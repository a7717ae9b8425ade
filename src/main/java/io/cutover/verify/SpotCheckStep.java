package io.cutover.verify;

import io.cutover.execution.CheckContext;
import io.cutover.execution.CheckOutcome;
import io.cutover.execution.ResultTable;
import io.cutover.execution.StepCheck;
import io.cutover.migration.ExecutionValues;
import io.cutover.runbook.SqlTarget;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The data-migration spot checks: generated from the source's catalog, plus the team's
 * own queries (option {@code queries}). Both sides are only read: every session is
 * read-only, so a spot check can never create or change anything on the production
 * target. The app still writes to the source before the cutover, so rows newer on the
 * source are shown, not failed (the verification inside the downtime window is the
 * proof); option {@code strategy} words why.
 */
@Component
@StepCheck.Named("spot-checks")
class SpotCheckStep implements StepCheck {

    private final VerifyProperties properties;

    SpotCheckStep(VerifyProperties properties) {
        this.properties = properties;
    }

    @Override
    public CheckOutcome run(CheckContext ctx) throws Exception {
        ExecutionValues.Connection source = ctx.requiredConnection(SqlTarget.SOURCE);
        ExecutionValues.Connection target = ctx.requiredConnection(SqlTarget.TARGET);
        boolean streaming = ctx.option("strategy").orElse("").equals("continuous-sync");
        List<String> queries = TeamQueries.split(ctx.option("queries").orElse(""));
        List<SpotChecks.Result> results = new ArrayList<>();
        try (Connection s = readOnly(source); Connection t = readOnly(target)) {
            results.addAll(new SpotChecks(s, t, streaming).run());
            s.rollback();
            t.rollback();
            unpinSearchPath(s);
            unpinSearchPath(t);
            results.addAll(TeamQueries.run(s, t, queries, streaming ? SpotChecks.STREAMING : SpotChecks.MOVED_ON));
        }
        results.forEach(r -> {
            String line = r.check() + " — " + r.object() + ": source " + r.source() + ", target " + r.target() + " → "
                    + r.result();
            if (r.different()) {
                ctx.log().err(line);
            }
            else {
                ctx.log().out(line);
            }
        });
        ResultTable table = new ResultTable(List.of("check", "object", "source", "target", "result"),
                results.stream().map(r -> List.of(r.check(), r.object(), r.source(), r.target(), r.result())).toList());
        long different = results.stream().filter(SpotChecks.Result::different).count();
        List<String> notApplying = results.stream()
            .filter(r -> r.result().startsWith("does not apply"))
            .map(r -> r.check() + " (" + r.source() + ")")
            .toList();
        long newer = results.stream().filter(r -> r.result().startsWith("differs (")).count();
        String message = (different == 0 ? results.size() + " spot checks, none different"
                : different + " of " + results.size() + " spot checks differ")
                + (newer == 0 ? ""
                        : "; " + newer + " show a source newer than the target (expected while the app runs)")
                + (notApplying.isEmpty() ? "" : "; does not apply to this database: " + String.join(", ", notApplying)
                        + " — edit the spot-check queries on the Parameters page");
        return new CheckOutcome(different == 0, message, table.toJson(), List.of());
    }

    /** Pinned output settings (equal rows print equally) in a read-only transaction. */
    private Connection readOnly(ExecutionValues.Connection db) throws SQLException {
        Connection c = PgSession.pinned(db, properties.connectTimeout());
        c.setAutoCommit(false);
        c.setReadOnly(true);
        try (Statement st = c.createStatement()) {
            st.execute("SET statement_timeout = '5min'");
        }
        return c;
    }

    /**
     * The team's queries name tables as the app does, through the database's own search
     * path.
     */
    private static void unpinSearchPath(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("RESET search_path");
        }
        c.commit();
    }

}
