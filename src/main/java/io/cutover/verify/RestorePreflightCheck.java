package io.cutover.verify;

import io.cutover.execution.CheckContext;
import io.cutover.execution.CheckOutcome;
import io.cutover.execution.StepCheck;
import io.cutover.migration.ExecutionValues;
import io.cutover.runbook.SqlTarget;
import io.cutover.shared.ConnectionUrl;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * Before a restore: tools new enough, both sides reachable, the target reached through
 * its direct address (never PgBouncer), the target empty unless overwrite is allowed,
 * every extension the source uses available on the target, and owners mapped by
 * --no-owner --no-acl.
 *
 * <p>
 * Options: {@code pooled} (the pooled URL, to recognise it), {@code allowOverwrite}
 * ("yes").
 */
@Component
@StepCheck.Named("preflight-restore")
class RestorePreflightCheck implements StepCheck {

    private final Verifier verifier;

    RestorePreflightCheck(Verifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public CheckOutcome run(CheckContext ctx) throws Exception {
        List<PreflightPoint> points = Preflight.list();
        Optional<ExecutionValues.Connection> source = ctx.connection(SqlTarget.SOURCE);
        Optional<ExecutionValues.Connection> target = ctx.connection(SqlTarget.TARGET);
        if (source.isEmpty() || target.isEmpty()) {
            points.add(PreflightPoint.fail("connections", "The source or target connection is not set",
                    "Set both on the Parameters page"));
            return Preflight.outcome(ctx, points);
        }
        ProbeResult sourceProbe = verifier.probe("source", source.get());
        ProbeResult targetProbe = verifier.probe("target", target.get());
        points.add(Preflight.reachable("source", sourceProbe));
        points.add(Preflight.reachable("target", targetProbe));
        for (String tool : List.of("pg_dump", "pg_restore")) {
            points.add(Preflight.tool(ctx, tool, sourceProbe.serverMajor()));
        }
        points.add(direct(target.get().url(), ctx.option("pooled")));
        if (sourceProbe.ok() && targetProbe.ok()) {
            try (Connection src = verifier.pinned(source.get()); Connection tgt = verifier.pinned(target.get())) {
                points.add(empty(tgt, "yes".equalsIgnoreCase(ctx.option("allowOverwrite").orElse("no")),
                        ctx.targetFilledByPanel()));
                points.add(extensions(src, tgt));
                points.add(owners(src, tgt, target.get().url().user()));
            }
        }
        return Preflight.outcome(ctx, points);
    }

    /**
     * Restores and schema migrations need a session of their own: PgBouncer's transaction
     * pooling breaks them.
     */
    static PreflightPoint direct(ConnectionUrl target, Optional<String> pooled) {
        String check = "direct connection";
        String fix = "Use the cluster's direct address (direct.<cluster>.flympg.net, or fly mpg proxy) as the target connection";
        boolean samePooled = pooled.map(p -> ConnectionUrl.parse(p).url())
            .map(p -> p.host().equals(target.host()) && p.port() == target.port())
            .orElse(false);
        if (samePooled || target.host().startsWith("pgbouncer.") || target.port() == 6432) {
            return PreflightPoint.fail(check, "The target connection " + target.host() + ":" + target.port()
                    + " goes through PgBouncer, the pooled address: restores and migrations would break on transaction pooling",
                    fix);
        }
        return PreflightPoint.pass(check, target.host() + ":" + target.port() + " is not the pooled address");
    }

    private static PreflightPoint empty(Connection target, boolean overwriteAllowed, boolean filledByPanel)
            throws SQLException {
        int tables = Catalog.tables(target).size();
        if (tables == 0) {
            return PreflightPoint.pass("target empty", "The target database has no user tables");
        }
        if (filledByPanel) {
            return PreflightPoint.warn("target empty",
                    "The target holds " + tables + " tables an earlier run of this migration copied there;"
                            + " the restore empties them first (after typed confirmation)",
                    "");
        }
        return overwriteAllowed
                ? PreflightPoint.warn("target empty",
                        "The target already holds " + tables + " tables; overwrite is allowed for this migration", "")
                : PreflightPoint.fail("target empty", "The target already holds " + tables + " tables",
                        "Restore into an empty database, or set 'Allow restoring over existing data' to yes on the Parameters page if replacing it is intended");
    }

    private static PreflightPoint extensions(Connection source, Connection target) throws SQLException {
        Set<String> used = new TreeSet<>(Catalog.extensions(source).keySet());
        used.remove("plpgsql");
        Set<String> available = new TreeSet<>();
        try (var st = target.createStatement(); var rs = st.executeQuery("SELECT name FROM pg_available_extensions")) {
            while (rs.next()) {
                available.add(rs.getString(1));
            }
        }
        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(available);
        return missing.isEmpty()
                ? PreflightPoint.pass("extensions",
                        used.isEmpty() ? "The source uses no extensions"
                                : "Available on the target: " + String.join(", ", used))
                : PreflightPoint.fail("extensions",
                        "Used on the source but not available on the target: " + String.join(", ", missing),
                        "Ask Fly support to enable them on the cluster, or remove their use before migrating");
    }

    private static PreflightPoint owners(Connection source, Connection target, String targetUser) throws SQLException {
        Set<String> owners = new TreeSet<>();
        try (var st = source.createStatement();
                var rs = st.executeQuery(
                        "SELECT DISTINCT pg_get_userbyid(c.relowner) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE "
                                + Catalog.USER_SCHEMA)) {
            while (rs.next()) {
                owners.add(rs.getString(1));
            }
        }
        Set<String> absent = new TreeSet<>();
        for (String owner : owners) {
            try (var ps = target.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
                ps.setString(1, owner);
                try (var rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        absent.add(owner);
                    }
                }
            }
        }
        return PreflightPoint.pass("owners and grants",
                absent.isEmpty()
                        ? "Every source owner exists on the target; the restore still runs with --no-owner --no-acl"
                        : "Owners " + String.join(", ", absent)
                                + " do not exist on the target: the restore runs with --no-owner --no-acl, so "
                                + targetUser + " owns everything and no role error occurs");
    }

}
