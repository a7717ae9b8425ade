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
 * JDBC sessions to a migration's databases. Every setting that changes how a row prints as text is
 * pinned, identically on both sides, or equal data would hash differently.
 */
public final class PgSession {

    private static final String[] PINNED = {
        "SET DateStyle = 'ISO, YMD'",
        "SET TimeZone = 'UTC'",
        "SET IntervalStyle = 'postgres'",
        "SET extra_float_digits = 3",
        "SET bytea_output = 'hex'",
        "SET lc_monetary = 'C'",
        // Catalog functions then qualify every user object the same way on both sides.
        "SET search_path = pg_catalog",
        "SET statement_timeout = 0"
    };

    private PgSession() {}

    /** A connection with the password handed to the driver, never inside a URL that could be logged. */
    public static Connection open(ExecutionValues.Connection target, Duration connectTimeout) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", target.url().user());
        target.password().ifPresent(pw -> props.setProperty("password", pw));
        props.setProperty("connectTimeout", Long.toString(Math.max(1, connectTimeout.toSeconds())));
        props.setProperty("loginTimeout", Long.toString(Math.max(1, connectTimeout.toSeconds())));
        props.setProperty("ApplicationName", "cutover");
        return DriverManager.getConnection(target.url().jdbcUrl(), props);
    }

    /** A connection with output settings pinned for hashing and catalog comparison. */
    public static Connection pinned(ExecutionValues.Connection target, Duration connectTimeout) throws SQLException {
        Connection c = open(target, connectTimeout);
        try (Statement st = c.createStatement()) {
            for (String setting : PINNED) {
                st.execute(setting);
            }
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
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
