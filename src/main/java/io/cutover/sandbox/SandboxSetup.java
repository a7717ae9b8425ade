package io.cutover.sandbox;

import io.cutover.emulator.EmulatedApp;
import io.cutover.emulator.EmulatedFly;
import io.cutover.emulator.SeedApps;
import io.cutover.migration.CreateMigration;
import io.cutover.migration.MigrationManagement;
import io.cutover.shared.Actor;
import io.cutover.shared.ConnectionUrl;
import io.cutover.shared.PanelProperties;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Brings the rehearsal up at start: PostgreSQL, the Flex stand-in with sample data, the
 * emulated Fly (apps as they are before the migration: blockster-v2 attached to Flex),
 * the emulated app on its port, and the "rehearsal" migration pointing at all of it.
 */
@Component
@Profile("sandbox")
@Order(5)
class SandboxSetup implements ApplicationRunner, DisposableBean {

    static final String FLEX_APP = "fragrant-flower-8144-db";
    static final String APP = "blockster-v2";

    private static final Logger log = LoggerFactory.getLogger(SandboxSetup.class);

    private final SandboxPostgres postgres;

    private final SampleSource source;

    private final SandboxProperties properties;

    private final SandboxNames names;

    private final PanelProperties panel;

    private final MigrationManagement migrations;

    private final SandboxTools tools;

    private EmulatedApp app;

    private Path home;

    SandboxSetup(SandboxPostgres postgres, SampleSource source, SandboxProperties properties, SandboxNames names,
            PanelProperties panel, MigrationManagement migrations, SandboxTools tools) {
        this.postgres = postgres;
        this.names = names;
        this.source = source;
        this.properties = properties;
        this.panel = panel;
        this.migrations = migrations;
        this.tools = tools;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        ConnectionUrl admin = postgres.admin();
        home = panel.dataDir().toAbsolutePath().normalize().resolve("fly");
        Files.createDirectories(home);
        if ("root".equals(System.getProperty("user.name"))) {
            // PgBouncer drops root for postgres, which must pass through the private data
            // directory to its
            // folder (traverse, not list), also a PgBouncer that outlived a killed panel
            // when it reloads.
            for (Path traversed : List.of(panel.dataDir(), home, home.resolve("pgbouncer"))) {
                if (Files.isDirectory(traversed)) {
                    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(traversed);
                    perms.add(PosixFilePermission.OTHERS_EXECUTE);
                    Files.setPosixFilePermissions(traversed, perms);
                }
            }
        }
        EmulatorScripts.write(home.resolve("bin"), home, admin);
        if (!Files.exists(home.resolve("state.json"))) {
            String password = source.prepare();
            String flexUrl = "postgres://" + names.appRole() + ":" + password + "@" + FLEX_APP + ".flycast.localhost:"
                    + admin.port() + "/" + names.sourceDatabase();
            EmulatedFly.seed(home, new SeedApps("personal", "ord", FLEX_APP, "d894ed5a696d58", "vol_r63zzmp36e21j51r",
                    names.sourceDatabase(), flexUrl, APP, 2));
        }
        EmulatedFly.revive(home, admin.withoutPassword(), tools.pgbouncer());
        app = EmulatedApp.start(home, APP, properties.appPort(), properties.appTable());
        createMigration(admin, home);
        log.info("Sandbox ready: emulated {} answers at {}, flyctl emulator in {}", APP, siteUrl(),
                home.resolve("bin"));
    }

    private void createMigration(ConnectionUrl admin, Path home) {
        if (migrations.list().stream().anyMatch(m -> m.name().equals(properties.migrationName()))) {
            return;
        }
        Map<String, String> values = new HashMap<>();
        values.put("sourceUrl",
                "postgres://" + admin.user() + "@" + admin.host() + ":" + admin.port() + "/" + names.sourceDatabase());
        values.put("sourceDatabase", names.sourceDatabase());
        values.put("siteUrl", siteUrl());
        // An org token (a deploy token reaches one app only, and the runbook touches two
        // apps and the org).
        values.put("flyApiToken", EmulatedFly.issueToken(home, "personal", null));
        values.put("stablePeriodDays", "0");
        // The emulated cluster's direct.<id>.flympg.localhost is on loopback: the panel
        // is "inside" the emulated network.
        values.put("directUrlVia", "private-network");
        if (tools.pgbouncer().isEmpty()) {
            // Without PgBouncer the clusters stay in MPG's default session mode, and the
            // rehearsal expects just that.
            values.put("poolMode", "session");
        }
        migrations.create(new CreateMigration(properties.migrationName(), "flex-to-mpg", values),
                new Actor("sandbox", Set.of()));
        log.info("Sandbox: created the '{}' migration", properties.migrationName());
    }

    /** The emulator's home: its state and the clusters it runs. */
    Path flyHome() {
        return home;
    }

    String siteUrl() {
        return "http://127.0.0.1:" + app.port() + "/";
    }

    @Override
    public void destroy() {
        if (app != null) {
            app.close();
        }
        if (home != null) {
            EmulatedFly.shutdown(home);
        }
    }

}
