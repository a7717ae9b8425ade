package io.cutover.verify;

import io.cutover.execution.CheckContext;
import io.cutover.execution.CheckOutcome;
import io.cutover.execution.ResultTable;
import io.cutover.execution.StepCheck;
import io.cutover.migration.ExecutionValues;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.springframework.stereotype.Component;

/**
 * Finds out what the pooled address really does, with two client connections. Under
 * transaction pooling a client's consecutive statements may run on different server
 * sessions, and another client may get the very session the first one used — so a
 * session's prepared statements and advisory locks are not the client's. The probe only
 * reads pg_backend_pid(). That is what makes {@code prepare: :unnamed} necessary.
 *
 * <p>
 * Options: {@code connection}, the id of the connection parameter to probe (the pooled
 * URL); {@code expect} ({@code transaction} or {@code session}, optional), the mode the
 * migration expects: the probe fails when the pooler runs the other one.
 */
@Component
@StepCheck.Named("pool-mode")
class PoolModeCheck implements StepCheck {

    // Only harmless reads: a probe must not leave a lock or prepared statement on a
    // shared pooler.
    private static final int ATTEMPTS = 20;

    @Override
    public CheckOutcome run(CheckContext ctx) throws Exception {
        String parameter = ctx.option("connection").orElse("targetPooledUrl");
        ExecutionValues.Connection pooled = ctx.values().connection(parameter).orElse(null);
        if (pooled == null) {
            return CheckOutcome.failed("The pooled connection ('" + parameter
                    + "') is not set: it is captured when the cluster is created, or can be typed in");
        }
        List<List<String>> observations = new ArrayList<>();
        boolean transactionPooling;
        try (Connection a = open(pooled); Connection b = open(pooled)) {
            transactionPooling = sessionsMove(a, b, observations);
        }
        observations.forEach(o -> ctx.log().out(String.join(": ", o)));
        String json = new ResultTable(List.of("observation", "result"), observations).toJson();
        String verdict = transactionPooling
                ? "Transaction pooling: a client's session state does not stay with it. prepare: :unnamed is required, and migrations, advisory locks and LISTEN/NOTIFY must use the direct URL"
                : "Session pooling (or no pooler): each client keeps its own session. prepare: :unnamed is still recommended, since the pool mode can be switched to transaction in the dashboard";
        String expected = ctx.option("expect").orElse("");
        String found = transactionPooling ? "transaction" : "session";
        if (!expected.isBlank() && !expected.equals(found)) {
            return new CheckOutcome(false, mismatch(expected, found), json, List.of());
        }
        return new CheckOutcome(true, verdict, json, List.of());
    }

    private static String mismatch(String expected, String found) {
        return expected.equals("transaction")
                ? "The pooled address runs session pooling, but this migration expects transaction pooling (poolMode): switch the pool mode"
                        + " to transaction in the Fly dashboard (cluster, Connect, View Pooler Settings, Update Pool Mode) and probe again"
                : "The pooled address runs " + found + " pooling, but this migration expects " + expected
                        + " pooling (poolMode):"
                        + " set poolMode to what the pooler runs, or switch the pool mode back in the Fly dashboard, and probe again";
    }

    /** Does client A keep its server session while client B holds a transaction open? */
    private static boolean sessionsMove(Connection a, Connection b, List<List<String>> observations)
            throws SQLException {
        for (int i = 0; i < ATTEMPTS; i++) {
            long a1 = pid(a);
            b.setAutoCommit(false);
            long b1 = pid(b);
            long a2 = pid(a);
            b.rollback();
            b.setAutoCommit(true);
            if (a1 != a2 || a1 == b1) {
                observations.add(List.of("server session of one client",
                        a1 == b1 ? "another client was given the session this client had just used (" + a1 + ")"
                                : "changed between two statements (" + a1 + " then " + a2 + ")"));
                return true;
            }
        }
        observations.add(List.of("server session of one client", "stayed the same over " + ATTEMPTS + " tries"));
        return false;
    }

    private static Connection open(ExecutionValues.Connection c) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", c.url().user());
        c.password().ifPresent(pw -> props.setProperty("password", pw));
        props.setProperty("connectTimeout", "10");
        // Server-side prepared statements would themselves break under transaction
        // pooling.
        props.setProperty("prepareThreshold", "0");
        props.setProperty("ApplicationName", "cutover-pool-probe");
        return DriverManager.getConnection(c.url().jdbcUrl(), props);
    }

    private static long pid(Connection c) throws SQLException {
        return Long.parseLong(PgSession.scalar(c, "SELECT pg_backend_pid()"));
    }

}
