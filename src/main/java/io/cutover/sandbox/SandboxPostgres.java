package io.cutover.sandbox;

import io.cutover.shared.ConnectionUrl;
import io.cutover.shared.PanelPostgres;
import io.cutover.shared.PanelProperties;
import java.io.IOException;
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
    private PanelPostgres server;

    SandboxPostgres(SandboxProperties properties, PanelProperties panel) {
        this.properties = properties;
        this.panel = panel;
    }

    /** An admin connection URL (user postgres, no password needed) of a running server. */
    synchronized ConnectionUrl admin() {
        if (server == null) {
            ConnectionUrl configured = ConnectionUrl.parse(properties.postgresUrl()).url();
            // wal_level logical lets the rehearsal try continuous sync, which decodes the source's WAL.
            server = PanelPostgres.configuredOrEmbedded(configured, panel.dataDir().resolve("embedded-postgres"), Map.of("wal_level", "logical"),
                    "cutover.sandbox.postgres-url");
            if (server.embedded()) {
                log.info("Sandbox: no PostgreSQL answered at {}:{}, started an embedded one on port {}", configured.host(), configured.port(),
                        server.admin().port());
            }
        }
        return server.admin();
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
