package io.cutover.shared;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/**
 * A PostgreSQL server the panel controls itself, for the rehearsal's Flex stand-in and for
 * scratch databases: the configured one if it answers, otherwise an embedded server (the zonky
 * binaries, PostgreSQL 15) kept in a directory of the data volume. initdb refuses root, so as root
 * only a configured server will do, and the caller says which setting names it.
 */
public final class PanelPostgres implements AutoCloseable {

    private final ConnectionUrl admin;
    private final EmbeddedPostgres embedded;

    private PanelPostgres(ConnectionUrl admin, EmbeddedPostgres embedded) {
        this.admin = admin;
        this.embedded = embedded;
    }

    /**
     * @param configured an admin URL (user postgres, no password needed), or null
     * @param dataDirectory where an embedded server keeps its files across restarts
     * @param settings server settings of an embedded server (wal_level, ...)
     * @param setting the property that names a server, for the message when none can be had
     */
    public static PanelPostgres configuredOrEmbedded(ConnectionUrl configured, Path dataDirectory, Map<String, String> settings, String setting) {
        if (configured != null && answers(configured)) {
            return new PanelPostgres(configured, null);
        }
        String where = configured == null ? "No PostgreSQL is configured (" + setting + ")"
                : "No PostgreSQL answers at " + configured.host() + ":" + configured.port();
        if ("root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException(where + ", and an embedded one cannot start as root (initdb refuses root). Start a local server, for example "
                    + "'pg_ctlcluster --skip-systemctl-redirect 15 main start', or point " + setting + " at one.");
        }
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false).setPort(freePort());
            settings.forEach(builder::setServerConfig);
            EmbeddedPostgres started = builder.start();
            return new PanelPostgres(ConnectionUrl.parse("postgres://postgres@127.0.0.1:" + started.getPort() + "/postgres").url(), started);
        } catch (IOException e) {
            throw new UncheckedIOException(where + ", and an embedded PostgreSQL could not start in " + dataDirectory, e);
        }
    }

    /** An admin connection URL of the running server. */
    public ConnectionUrl admin() {
        return admin;
    }

    /** Whether the panel started this server itself (and stops it with {@link #close()}). */
    public boolean embedded() {
        return embedded != null;
    }

    public static boolean answers(ConnectionUrl url) {
        Properties props = new Properties();
        props.setProperty("user", url.user());
        props.setProperty("connectTimeout", "3");
        try (Connection ignored = DriverManager.getConnection(url.jdbcUrl(), props)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
