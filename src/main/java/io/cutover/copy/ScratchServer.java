package io.cutover.copy;

import io.cutover.shared.BundledPostgres;
import io.cutover.shared.ConnectionUrl;
import io.cutover.shared.LocalPostgres;
import io.cutover.shared.PanelPostgres;
import io.cutover.shared.PanelProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The server a restore-test restores onto: one the panel controls, never the cluster,
 * which does not exist yet during the backup phase and whose user may not create
 * databases. In this order: cutover.copy.scratch-server if it answers; a throw-away
 * cluster from the machine's newest PostgreSQL server binaries (the image's
 * postgresql-17); in rehearsal builds, the bundled embedded PostgreSQL 15. Started on
 * first use, stopped with the panel.
 */
@Component
class ScratchServer implements DisposableBean {

    static final String SETTING = "cutover.copy.scratch-server";

    private static final Logger log = LoggerFactory.getLogger(ScratchServer.class);

    private final CopyProperties properties;

    private final PanelProperties panel;

    private final ObjectProvider<BundledPostgres> bundled;

    private PanelPostgres server;

    ScratchServer(CopyProperties properties, PanelProperties panel, ObjectProvider<BundledPostgres> bundled) {
        this.properties = properties;
        this.panel = panel;
        this.bundled = bundled;
    }

    /** The admin URL of the running server (a user that may create databases). */
    synchronized ConnectionUrl admin() {
        if (server == null) {
            ConnectionUrl configured = properties.scratchServer().isBlank() ? null
                    : ConnectionUrl.parse(properties.scratchServer()).url();
            server = configured != null && PanelPostgres.answers(configured) ? PanelPostgres.configured(configured)
                    : startOwn(PanelPostgres.nothingAnswers(configured, SETTING));
        }
        return server.admin();
    }

    private PanelPostgres startOwn(String where) {
        if (PanelPostgres.runsAsRoot()) {
            throw new IllegalStateException(PanelPostgres.rootRefusal(where, SETTING));
        }
        Path directory = panel.dataDir().resolve("scratch-postgres");
        Optional<Path> bin = LocalPostgres.binaries();
        BundledPostgres embedded = bundled.getIfAvailable();
        try {
            if (bin.isPresent()) {
                PanelPostgres started = LocalPostgres.start(bin.get(), directory);
                log.info("Restore-test: started a throw-away {} ({}) in {} on port {} for scratch databases",
                        LocalPostgres.version(bin.get()), bin.get(), directory, started.admin().port());
                return started;
            }
            if (embedded != null) {
                PanelPostgres started = embedded.start(directory, Map.of());
                log.info("Restore-test: started the embedded PostgreSQL for scratch databases on port {}",
                        started.admin().port());
                return started;
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(where + ", and a PostgreSQL for scratch databases could not start in "
                    + directory + ": " + e.getMessage(), e);
        }
        throw new IllegalStateException(
                where + ", and no PostgreSQL server binaries (initdb, pg_ctl, postgres) are installed here:"
                        + " install the server package (postgresql-17) or point " + SETTING + " at a server.");
    }

    @Override
    public synchronized void destroy() throws IOException {
        if (server != null) {
            server.close();
        }
    }

}
