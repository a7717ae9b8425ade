package io.cutover.sandbox;

import io.cutover.shared.BundledPostgres;
import io.cutover.shared.ConnectionUrl;
import io.cutover.shared.PanelPostgres;
import io.cutover.shared.PanelProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The PostgreSQL server the rehearsal runs on: the configured one if it answers;
 * otherwise an embedded one kept in the data directory — unless the panel runs as root,
 * which initdb refuses, and then start-up stops saying exactly what to start.
 */
@Component
@Profile("sandbox")
class SandboxPostgres implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SandboxPostgres.class);

    private final SandboxProperties properties;

    private final PanelProperties panel;

    private final BundledPostgres bundled;

    private PanelPostgres server;

    SandboxPostgres(SandboxProperties properties, PanelProperties panel, BundledPostgres bundled) {
        this.properties = properties;
        this.panel = panel;
        this.bundled = bundled;
    }

    /**
     * An admin connection URL (user postgres, no password needed) of a running server.
     */
    synchronized ConnectionUrl admin() {
        if (server == null) {
            ConnectionUrl configured = ConnectionUrl.parse(properties.postgresUrl()).url();
            // wal_level logical lets the rehearsal try continuous sync, which decodes the
            // source's WAL.
            server = PanelPostgres.answers(configured) ? PanelPostgres.configured(configured)
                    : startEmbedded(configured);
        }
        return server.admin();
    }

    /**
     * The embedded server keeps its files in the data directory, so the rehearsal's
     * databases outlive a restart.
     */
    private PanelPostgres startEmbedded(ConnectionUrl configured) {
        String setting = "cutover.sandbox.postgres-url";
        String where = PanelPostgres.nothingAnswers(configured, setting);
        if (PanelPostgres.runsAsRoot()) {
            throw new IllegalStateException(PanelPostgres.rootRefusal(where, setting));
        }
        Path directory = panel.dataDir().resolve("embedded-postgres");
        try {
            PanelPostgres started = bundled.start(directory, Map.of("wal_level", "logical"));
            log.info("Sandbox: no PostgreSQL answered at {}:{}, started an embedded one on port {}", configured.host(),
                    configured.port(), started.admin().port());
            return started;
        }
        catch (IOException e) {
            throw new UncheckedIOException(where + ", and an embedded PostgreSQL could not start in " + directory, e);
        }
    }

    Connection connect(String database) throws SQLException {
        ConnectionUrl a = admin();
        Properties props = new Properties();
        props.setProperty("user", a.user());
        props.setProperty("connectTimeout", "5");
        return DriverManager.getConnection("jdbc:postgresql://" + a.host() + ":" + a.port() + "/" + database, props);
    }

    @Override
    public void destroy() throws IOException {
        if (server != null) {
            server.close();
        }
    }

}
