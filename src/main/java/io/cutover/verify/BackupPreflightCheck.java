package io.cutover.verify;

import io.cutover.execution.CheckContext;
import io.cutover.execution.CheckOutcome;
import io.cutover.execution.StepCheck;
import io.cutover.runbook.SqlTarget;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Before any dump starts: the source answers, pg_dump and pg_restore are at least the
 * server's major version, and the working directory has room for both backups.
 */
@Component
@StepCheck.Named("preflight-backup")
class BackupPreflightCheck implements StepCheck {

    /** Room for the custom dump and the gzipped plain dump together, generously. */
    static final double SPACE_FACTOR = 1.5;

    private final Verifier verifier;

    BackupPreflightCheck(Verifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public CheckOutcome run(CheckContext ctx) throws Exception {
        List<PreflightPoint> points = Preflight.list();
        var source = ctx.connection(SqlTarget.SOURCE);
        if (source.isEmpty()) {
            points.add(PreflightPoint.fail("source reachable", "The source connection is not set",
                    "Set it on the Parameters page"));
            return Preflight.outcome(ctx, points);
        }
        ProbeResult probe = verifier.probe("source", source.get());
        points.add(Preflight.reachable("source", probe));
        for (String tool : List.of("pg_dump", "pg_restore")) {
            points.add(Preflight.tool(ctx, tool, probe.serverMajor()));
        }
        if (probe.ok()) {
            points.add(Preflight.freeDisk(ctx, (long) (probe.databaseBytes() * SPACE_FACTOR),
                    "for both backups of a " + Sizes.human(probe.databaseBytes()) + " database"));
        }
        return Preflight.outcome(ctx, points);
    }

}
