package io.cutover.verify;

import io.cutover.execution.CheckContext;
import io.cutover.execution.CheckOutcome;
import io.cutover.execution.ProcessResult;
import io.cutover.execution.ProcessSpec;
import io.cutover.execution.ResultTable;
import io.cutover.migration.ExecutionValues;
import java.nio.file.Files;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The points both preflights share, and how a list of points becomes a check's outcome.
 */
final class Preflight {

    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\)\\s+(\\d+)(?:\\.(\\d+))?");

    private Preflight() {
    }

    /**
     * A PostgreSQL client tool present and at least the server's major version (dumps
     * fail late otherwise).
     */
    static PreflightPoint tool(CheckContext ctx, String tool, int serverMajor) throws InterruptedException {
        AtomicReference<String> version = new AtomicReference<>("");
        ProcessResult r = ctx.exec(
                ProcessSpec.of(List.of(tool, "--version"), Duration.ofSeconds(30)).withStdoutLines(version::set, true));
        if (r.failure() != null) {
            return PreflightPoint.fail(tool, r.failure(),
                    "Install postgresql-client-" + Math.max(serverMajor, 15) + " on the panel's host");
        }
        Matcher m = VERSION.matcher(version.get());
        if (!r.succeeded() || !m.find()) {
            return PreflightPoint.fail(tool, "'" + tool + " --version' printed '" + version.get() + "'",
                    "Install a working " + tool);
        }
        int major = Integer.parseInt(m.group(1));
        if (serverMajor > 0 && major < serverMajor) {
            return PreflightPoint.fail(tool,
                    tool + " " + m.group(1) + " is older than the source server (" + serverMajor
                            + "): it would fail when the dump starts",
                    "Install postgresql-client-" + serverMajor
                            + " (or newer) and make sure it comes first on the panel's PATH");
        }
        return PreflightPoint.pass(tool, tool + " " + m.group(1) + (m.group(2) == null ? "" : "." + m.group(2))
                + " (server " + serverMajor + ")");
    }

    static PreflightPoint reachable(String name, ProbeResult probe) {
        return probe.ok()
                ? PreflightPoint.pass(name + " reachable",
                        "PostgreSQL " + probe.serverVersion() + ", " + Sizes.human(probe.databaseBytes()) + ", "
                                + probe.latencyMillis() + " ms")
                : PreflightPoint.fail(name + " reachable", probe.error(),
                        "Fix the " + name + " connection on the Parameters page (or start the proxy it goes through)");
    }

    static PreflightPoint freeDisk(CheckContext ctx, long needed, String why) throws java.io.IOException {
        long free = Files.getFileStore(ctx.workdir()).getUsableSpace();
        return free >= needed
                ? PreflightPoint.pass("free disk",
                        Sizes.human(free) + " free in the working directory; about " + Sizes.human(needed) + " needed "
                                + why)
                : PreflightPoint.fail("free disk",
                        "Only " + Sizes.human(free) + " free; about " + Sizes.human(needed) + " needed " + why,
                        "Give the panel's data volume more space (fly volumes extend) or remove old backups after copying them off-site");
    }

    static Optional<ExecutionValues.Connection> connection(CheckContext ctx, io.cutover.runbook.SqlTarget side) {
        return ctx.connection(side);
    }

    static int major(Connection c) {
        try {
            return PgSession.serverMajor(c);
        }
        catch (java.sql.SQLException e) {
            return 0;
        }
    }

    static CheckOutcome outcome(CheckContext ctx, List<PreflightPoint> points) {
        for (PreflightPoint p : points) {
            String line = p.result() + "  " + p.check() + ": " + p.detail()
                    + (p.fix().isEmpty() ? "" : " — " + p.fix());
            if (p.result() == PreflightPoint.Result.FAIL) {
                ctx.log().err(line);
            }
            else {
                ctx.log().out(line);
            }
        }
        List<PreflightPoint> failed = points.stream().filter(p -> p.result() == PreflightPoint.Result.FAIL).toList();
        String json = new ResultTable(List.of("check", "result", "detail", "what to change"),
                points.stream().map(p -> List.of(p.check(), p.result().name(), p.detail(), p.fix())).toList())
            .toJson();
        String message = failed.isEmpty()
                ? "Preflight passed (" + points.size() + " checks"
                        + (points.stream().anyMatch(p -> p.result() == PreflightPoint.Result.WARN) ? ", with warnings"
                                : "")
                        + ")"
                : "Preflight failed: "
                        + String.join("; ", failed.stream().map(p -> p.check() + " — " + p.fix()).toList());
        return new CheckOutcome(failed.isEmpty(), message, json, List.of());
    }

    static List<PreflightPoint> list() {
        return new ArrayList<>();
    }

}
