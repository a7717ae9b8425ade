package io.cutover.verify;

import io.cutover.migration.ExecutionValues;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * JDBC sessions to a migration's databases. Every setting that changes how a row prints
 * as text is pinned, identically on both sides, or equal data would hash differently.
 */
public final class PgSession {

    private static final String[] PINNED = { "SET DateStyle = 'ISO, YMD'", "SET TimeZone = 'UTC'",
            "SET IntervalStyle = 'postgres'", "SET extra_float_digits = 3", "SET bytea_output = 'hex'",
            "SET lc_monetary = 'C'",
            // Catalog functions then qualify every user object the same way on both
            // sides.
            "SET search_path = pg_catalog", "SET statement_timeout = 0" };

    private PgSession() {
    }

    /**
     * A connection with the password handed to the driver, never inside a URL that could
     * be logged.
     */
    public static Connection open(ExecutionValues.Connection target, Duration connectTimeout) throws SQLException {
        return open(target, connectTimeout, java.util.Map.of());
    }

    /**
     * @param driverSettings further PgJDBC settings (a replication session, an
     * application name)
     */
    public static Connection open(ExecutionValues.Connection target, Duration connectTimeout,
            java.util.Map<String, String> driverSettings) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", target.url().user());
        target.password().ifPresent(pw -> props.setProperty("password", pw));
        props.setProperty("connectTimeout", Long.toString(Math.max(1, connectTimeout.toSeconds())));
        props.setProperty("loginTimeout", Long.toString(Math.max(1, connectTimeout.toSeconds())));
        props.setProperty("ApplicationName", "cutover");
        driverSettings.forEach(props::setProperty);
        return DriverManager.getConnection(target.url().jdbcUrl(), props);
    }

    /** A connection with output settings pinned for hashing and catalog comparison. */
    public static Connection pinned(ExecutionValues.Connection target, Duration connectTimeout) throws SQLException {
        Connection c = open(target, connectTimeout);
        try (Statement st = c.createStatement()) {
            for (String setting : PINNED) {
                st.execute(setting);
            }
        }
        catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /**
     * Makes the connection see the database exactly as an exported snapshot does (the
     * moment a replication slot was created), for as long as its transaction lasts.
     */
    static void useSnapshot(Connection c, String snapshot) throws SQLException {
        if (snapshot == null) {
            return;
        }
        if (!snapshot.matches("[0-9A-F]+-[0-9A-F]+-[0-9]+")) {
            throw new IllegalArgumentException("Not a snapshot name: " + snapshot);
        }
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try (Statement st = c.createStatement()) {
            st.execute("SET TRANSACTION SNAPSHOT '" + snapshot + "'");
        }
    }

    /**
     * Starts a repeatable-read transaction on the connection and exports its snapshot, so
     * other sessions can read exactly what it sees for as long as this connection keeps
     * it open.
     */
    public static String exportSnapshot(Connection c) throws SQLException {
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        return scalar(c, "SELECT pg_export_snapshot()");
    }

    public static int serverMajor(Connection c) throws SQLException {
        return Integer.parseInt(scalar(c, "SHOW server_version_num")) / 10000;
    }

    public static String scalar(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

}
