package io.cutover.shared;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * PostgreSQL binaries that come with the rehearsal build (zonky's embedded PostgreSQL
 * 15), for a machine without a server of its own. The production jar has no
 * implementation: callers look it up through an {@code ObjectProvider} and do without it.
 */
public interface BundledPostgres {

    /**
     * Starts a server kept in {@code dataDirectory} across restarts, on a free port of
     * 127.0.0.1.
     * @param settings server settings (wal_level, ...)
     */
    PanelPostgres start(Path dataDirectory, Map<String, String> settings) throws IOException;

}
