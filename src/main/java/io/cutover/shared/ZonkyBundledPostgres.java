package io.cutover.shared;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Rehearsal builds only: the production profile neither compiles nor packages this class,
 * nor zonky.
 */
@Component
class ZonkyBundledPostgres implements BundledPostgres {

    @Override
    public PanelPostgres start(Path dataDirectory, Map<String, String> settings) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
            .setDataDirectory(dataDirectory)
            .setCleanDataDirectory(false)
            .setPort(freePort());
        settings.forEach(builder::setServerConfig);
        EmbeddedPostgres started = builder.start();
        return PanelPostgres.started(
                ConnectionUrl.parse("postgres://postgres@127.0.0.1:" + started.getPort() + "/postgres").url(), started);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

}
