package io.cutover.copy;

import io.cutover.shared.ConnectionUrl;
import io.cutover.shared.PanelPostgres;
import io.cutover.shared.PanelProperties;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The server a restore-test restores onto: one the panel controls (cutover.copy.scratch-server, or
 * an embedded one in the data directory), never the cluster, which does not exist yet during the
 * backup phase and whose user may not create databases. Started on first use, stopped with the panel.
 */
@Component
class ScratchServer implements DisposableBean {

    static final String SETTING = "cutover.copy.scratch-server";
    private static final Logger log = LoggerFactory.getLogger(ScratchServer.class);

    private final CopyProperties properties;
    private final PanelProperties panel;
    private PanelPostgres server;

    ScratchServer(CopyProperties properties, PanelProperties panel) {
        this.properties = properties;
        this.panel = panel;
    }

    /** The admin URL of the running server (a user that may create databases). */
    synchronized ConnectionUrl admin() {
        if (server == null) {
            ConnectionUrl configured = properties.scratchServer().isBlank() ? null : ConnectionUrl.parse(properties.scratchServer()).url();
            server = PanelPostgres.configuredOrEmbedded(configured, panel.dataDir().resolve("scratch-postgres"), Map.of(), SETTING);
            if (server.embedded()) {
                log.info("Restore-test: started an embedded PostgreSQL for scratch databases on port {}", server.admin().port());
            }
        }
        return server.admin();
    }

    @Override
    public synchronized void destroy() throws IOException {
        if (server != null) {
            server.close();
        }
    }
}
