package io.cutover.shared;

import java.io.Closeable;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL server the panel uses for itself (the rehearsal's Flex stand-in, the
 * restore-test's scratch databases): a configured one, or one the panel started
 * ({@link LocalPostgres} from the machine's server binaries, or {@link BundledPostgres}
 * in rehearsal builds) and stops with {@link #close()}.
 */
public final class PanelPostgres implements AutoCloseable {

    private final ConnectionUrl admin;

    private final @Nullable Closeable stop;

    private PanelPostgres(ConnectionUrl admin, @Nullable Closeable stop) {
        this.admin = admin;
        this.stop = stop;
    }

    /** A server someone else runs, named by a setting. */
    public static PanelPostgres configured(ConnectionUrl admin) {
        return new PanelPostgres(admin, null);
    }

    /**
     * A server the panel started; {@code stop} stops it (and removes what should not
     * outlive it).
     */
    public static PanelPostgres started(ConnectionUrl admin, Closeable stop) {
        return new PanelPostgres(admin, stop);
    }

    /**
     * An admin connection URL of the running server (user postgres, no password needed).
     */
    public ConnectionUrl admin() {
        return admin;
    }

    /**
     * Whether the panel started this server itself (and stops it with {@link #close()}).
     */
    public boolean embedded() {
        return stop != null;
    }

    public static boolean answers(ConnectionUrl url) {
        Properties props = new Properties();
        props.setProperty("user", url.user());
        props.setProperty("connectTimeout", "3");
        try (Connection ignored = DriverManager.getConnection(url.jdbcUrl(), props)) {
            return true;
        }
        catch (SQLException e) {
            return false;
        }
    }

    /**
     * initdb refuses root, so a panel running as root can only use a configured server.
     */
    public static boolean runsAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /**
     * What to do when no server answers and the panel runs as root ({@code where} says
     * what did not answer).
     */
    public static String rootRefusal(String where, String setting) {
        return where
                + ", and the panel cannot start a PostgreSQL of its own as root (initdb refuses root). Run the panel as another user,"
                + " start a local server, for example 'pg_ctlcluster --skip-systemctl-redirect 15 main start', or point "
                + setting + " at one.";
    }

    /**
     * "No PostgreSQL is configured (setting)" or "No PostgreSQL answers at host:port".
     */
    public static String nothingAnswers(@Nullable ConnectionUrl configured, String setting) {
        return configured == null ? "No PostgreSQL is configured (" + setting + ")"
                : "No PostgreSQL answers at " + configured.host() + ":" + configured.port();
    }

    @Override
    public void close() throws IOException {
        if (stop != null) {
            stop.close();
        }
    }

}
