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
 * Step "Freeze the source": blocks every role that could write it, ends their sessions,
 * records the position.
 */
@Component
@StepCheck.Named("source-freeze")
record FreezeCheck(SourceFreezes freezes) implements StepCheck {

    @Override
    public CheckOutcome run(CheckContext ctx) throws Exception {
        long started = System.nanoTime();
        SourceFreezeRecord r = freezes.freeze(ctx.migrationId(), ctx.requiredConnection(SqlTarget.SOURCE),
                ctx.log()::system);
        long millis = (System.nanoTime() - started) / 1_000_000;
        List<List<String>> rows = new ArrayList<>();
        r.roles()
            .forEach(role -> rows.add(List.of("blocked role", role.name(),
                    role.reason() + "; was " + role.attributes() + ", now NOLOGIN")));
        r.sessions()
            .forEach(s -> rows.add(List.of("ended session", s.role(),
                    s.pid() + " " + s.application() + " from " + s.client() + " on " + s.database())));
        rows.add(List.of("not blocked", r.panelRole(),
                "the panel's own role: its other sessions on the database were ended; the proof watches for new ones"));
        rows.add(List.of("freeze position", r.point().lsn(),
                r.point().commits() + " commits so far; " + r.point().tables().size() + " tables, "
                        + r.point().sequences().size() + " sequences recorded"
                        + (r.slot() == null ? "" : "; decoding slot " + r.slot())));
        ResultTable table = new ResultTable(List.of("what", "name", "detail"), rows);
        return CheckOutcome
            .passed("Froze the source at " + r.point().lsn() + " in " + millis + " ms: blocked " + names(r.roleNames())
                    + "; ended " + r.sessions().size() + " sessions"
                    + (r.sessions().isEmpty() ? "" : " (" + String.join(", ",
                            r.sessions().stream().map(s -> s.role() + "/" + s.application()).distinct().toList())
                            + ")"))
            .withResult(table.toJson());
    }

    private static String names(List<String> roles) {
        return roles.isEmpty() ? "no role (none but the panel's may write)"
                : roles.size() + " roles (" + String.join(", ", roles) + ")";
    }

}
