package io.cutover.verify;

import io.cutover.migration.ExecutionValues;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * A connection test: server version, database size and latency, or what is wrong in words
 * a person can act on (wrong password, no such database, nothing listening, not
 * PostgreSQL).
 */
final class ConnectionProbe {

    private ConnectionProbe() {
    }

    static ProbeResult probe(String name, ExecutionValues.Connection db, Duration connectTimeout) {
        String where = db.url().host() + ":" + db.url().port();
        long started = System.nanoTime();
        try (Connection c = PgSession.open(db, connectTimeout)) {
            long connectMillis = (System.nanoTime() - started) / 1_000_000;
            long latency = roundTrip(c);
            return new ProbeResult(name, true, PgSession.scalar(c, "SHOW server_version"), PgSession.serverMajor(c),
                    Long.parseLong(PgSession.scalar(c, "SELECT pg_database_size(current_database())")),
                    Math.min(latency, connectMillis), null);
        }
        catch (SQLException e) {
            return ProbeResult.failed(name, explain(e, db, where));
        }
    }

    private static long roundTrip(Connection c) throws SQLException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            PgSession.scalar(c, "SELECT 1");
            best = Math.min(best, (System.nanoTime() - t0) / 1_000_000);
        }
        return best;
    }

    static String explain(SQLException e, ExecutionValues.Connection db, String where) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String user = db.url().user();
        if (state.equals("28P01")) {
            return "Authentication failed for user '" + user + "' at " + where
                    + ": the password is wrong (type the URL with the right password on the Parameters page)";
        }
        if (state.startsWith("28")) {
            return "The server at " + where + " refused user '" + user + "': " + firstLine(e.getMessage());
        }
        if (state.equals("3D000")) {
            return "Database '" + db.url().database() + "' does not exist at " + where;
        }
        Throwable cause = rootCause(e);
        if (cause instanceof UnknownHostException) {
            return "Host '" + db.url().host()
                    + "' cannot be found (DNS): check the host name, or start the proxy it needs";
        }
        if (state.equals("08P01") || cause instanceof java.io.EOFException) {
            return "Something answers at " + where
                    + ", but it is not PostgreSQL (it closed the connection or answered in another protocol): check the port";
        }
        if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
            return "Nothing answers at " + where + " (connection refused or no route): is the server or proxy running?";
        }
        if (cause instanceof SocketTimeoutException
                || state.equals("08001") && firstLine(e.getMessage()).toLowerCase().contains("timed out")) {
            return where
                    + " did not answer within the connect timeout: unreachable host, firewall, or a proxy that is not running";
        }
        return "Cannot connect to " + where + ": " + firstLine(e.getMessage());
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse(s);
    }

}
