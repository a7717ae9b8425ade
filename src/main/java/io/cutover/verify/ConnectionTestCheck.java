package io.cutover.verify;

import io.cutover.execution.CheckContext;
import io.cutover.execution.CheckOutcome;
import io.cutover.execution.ResultTable;
import io.cutover.execution.StepCheck;
import io.cutover.runbook.SqlTarget;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Tests the source and target connections: version, size and latency, or what is wrong.
 */
@Component
@StepCheck.Named("connection-test")
class ConnectionTestCheck implements StepCheck {

    private final Verifier verifier;

    ConnectionTestCheck(Verifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public CheckOutcome run(CheckContext ctx) {
        List<ProbeResult> results = new ArrayList<>();
        for (SqlTarget side : SqlTarget.values()) {
            String name = side.name().toLowerCase();
            results.add(ctx.connection(side)
                .map(c -> verifier.probe(name, c))
                .orElse(ProbeResult.failed(name, "The " + name + " connection is not set on the Parameters page")));
        }
        results.forEach(r -> {
            if (r.ok()) {
                ctx.log()
                    .out(r.target() + ": PostgreSQL " + r.serverVersion() + ", " + Sizes.human(r.databaseBytes()) + ", "
                            + r.latencyMillis() + " ms");
            }
            else {
                ctx.log().err(r.target() + ": " + r.error());
            }
        });
        boolean ok = results.stream().allMatch(ProbeResult::ok);
        return new CheckOutcome(ok,
                ok ? "Both connections work"
                        : "A connection does not work: " + String.join("; ",
                                results.stream().filter(r -> !r.ok()).map(r -> r.target() + ": " + r.error()).toList()),
                table(results), List.of());
    }

    static String table(List<ProbeResult> results) {
        return new ResultTable(List.of("connection", "result", "server", "database size", "latency", "problem"),
                results.stream()
                    .map(r -> List.of(r.target(), r.ok() ? "OK" : "FAILED", r.ok() ? r.serverVersion() : "",
                            r.ok() ? Sizes.human(r.databaseBytes()) : "", r.ok() ? r.latencyMillis() + " ms" : "",
                            r.ok() ? "" : r.error()))
                    .toList())
            .toJson();
    }

}
