package io.cutover.sandbox;

import io.cutover.emulator.EmulatedFly;
import io.cutover.shared.PanelProperties;
import java.sql.Connection;
import java.sql.Statement;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.test.context.TestComponent;

/**
 * Drops what a sandbox test created on the shared local server: clusters, the Flex
 * stand-in, roles.
 */
@TestComponent
class SandboxCleanup implements DisposableBean {

    private final SandboxPostgres postgres;

    private final SandboxNames names;

    private final PanelProperties panel;

    SandboxCleanup(SandboxPostgres postgres, SandboxNames names, PanelProperties panel) {
        this.postgres = postgres;
        this.names = names;
        this.panel = panel;
    }

    @Override
    public void destroy() throws Exception {
        dropAll(postgres, names, panel);
    }

    /** For sandboxes a test starts itself, without this component. */
    static void dropAll(SandboxPostgres postgres, SandboxNames names, PanelProperties panel) throws Exception {
        var home = panel.dataDir().toAbsolutePath().normalize().resolve("fly");
        var clusters = EmulatedFly.clusters(home);
        EmulatedFly.shutdown(home);
        try (Connection c = postgres.connect("postgres"); Statement st = c.createStatement()) {
            // A replication slot left by a failed continuous-sync test would keep the
            // source database from being dropped.
            st.execute("SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots WHERE database = '"
                    + names.sourceDatabase() + "' AND active_pid IS NOT NULL");
            st.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE database = '"
                    + names.sourceDatabase() + "' AND NOT active");
            for (var cluster : clusters) {
                String db = cluster.directUrl().replaceAll(".*/([^/?]+)(\\?.*)?$", "$1");
                String user = cluster.directUrl().replaceAll("^[a-z]+://([^:@]+).*$", "$1");
                st.execute("DROP DATABASE IF EXISTS \"" + db + "\" WITH (FORCE)");
                st.execute("DROP ROLE IF EXISTS \"" + user + "\"");
            }
            st.execute("DROP DATABASE IF EXISTS " + names.sourceDatabase() + " WITH (FORCE)");
            st.execute("DROP ROLE IF EXISTS " + names.appRole());
        }
    }

}
