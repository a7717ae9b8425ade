package io.cutover.emulator;

import io.cutover.emulator.FlyApp.Machine;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The emulator's Java API for the sandbox wiring: seed the starting apps, bring clusters'
 * PgBouncers back after a restart of the machine, look at the state, and stop what the
 * emulator started.
 */
public final class EmulatedFly {

    private EmulatedFly() {
    }

    /**
     * What the emulator knows about an app; secrets included, for the sandbox's own
     * checks.
     */
    public record AppView(String name, String kind, int desiredCount, List<String> startedMachines,
            Map<String, String> secrets, Set<String> stagedSecretNames, Map<String, String> runningSecrets) {
    }

    /** A cluster, its pool mode and whether its pooler is running. */
    public record ClusterView(String id, String name, String status, String pooledUrl, String directUrl,
            int pgbouncerPort, boolean pgbouncerRunning, String poolMode) {
    }

    /** The pool modes MPG's dashboard offers. */
    public static final java.util.List<String> POOL_MODES = List.of(Pooler.SESSION, Pooler.TRANSACTION);

    /** What a missing PgBouncer costs the rehearsal, in one line. */
    public static final String NEEDS_PGBOUNCER = Pooler.NEEDS_PGBOUNCER;

    /**
     * Issues a token the emulated API accepts, as {@code fly tokens create org} (no app)
     * or {@code fly tokens create deploy -a APP} would; the value is a macaroon-shaped
     * string.
     */
    public static String issueToken(Path home, String org, String app) {
        String value = "FlyV1 fm2_" + (app == null ? "org_" : "deploy_") + Ids.password();
        new StateStore(home).update(state -> {
            FlyToken token = new FlyToken();
            token.kind = app == null ? FlyToken.ORG : FlyToken.DEPLOY;
            token.org = org;
            token.app = app;
            state.tokens.put(FlyToken.parts(value).get(0), token);
            return null;
        });
        return value;
    }

    /**
     * Creates the Flex app and the application unless they exist already; leaves existing
     * ones untouched.
     */
    public static void seed(Path home, SeedApps seed) {
        new StateStore(home).update(state -> {
            state.apps.computeIfAbsent(seed.flexApp(), name -> flexApp(seed));
            state.apps.computeIfAbsent(seed.app(), name -> application(seed));
            return null;
        });
    }

    /**
     * Restarts the pooler of every cluster whose pooler is not running (after a reboot),
     * on the port its connection string already names, in the cluster's pool mode.
     * Returns the ids of the clusters revived.
     */
    public static List<String> revive(Path home, String pgAdminUrl, Optional<Path> pgbouncer) {
        StateStore store = new StateStore(home);
        LocalPostgres pg = new LocalPostgres(pgAdminUrl);
        List<String> revived = new ArrayList<>();
        for (MpgCluster cluster : store.read().clusters.values()) {
            if (Pooler.process(cluster).isPresent()) {
                continue;
            }
            if (listening(cluster.pgbouncerPort)) {
                throw new IllegalStateException("cannot revive cluster " + cluster.id + ": port "
                        + cluster.pgbouncerPort + " is taken by another program");
            }
            Pooler.start(store.home(), cluster, pg, pgbouncer);
            recordPooler(store, cluster);
            revived.add(cluster.id);
        }
        return revived;
    }

    /**
     * Stops every pooler of the clusters in this home. Databases stay; {@link #revive}
     * brings them back.
     */
    public static void shutdown(Path home) {
        new StateStore(home).read().clusters.values().forEach(Pooler::stop);
    }

    /**
     * The dashboard's "Update Pool Mode" (flyctl has no command for it): restarts the
     * cluster's pooler in {@code mode} on the same pooled address, not the database;
     * clients connected through the pooler lose their connection, as on MPG. Transaction
     * mode needs PgBouncer.
     */
    public static void switchPoolMode(Path home, String pgAdminUrl, String clusterId, String mode,
            Optional<Path> pgbouncer) {
        if (!POOL_MODES.contains(mode)) {
            throw new IllegalArgumentException("pool mode must be one of " + POOL_MODES + ", not '" + mode + "'");
        }
        StateStore store = new StateStore(home);
        MpgCluster cluster = store.read().cluster(clusterId);
        if (mode.equals(cluster.poolMode) && Pooler.process(cluster).isPresent()) {
            return;
        }
        if (mode.equals(Pooler.TRANSACTION) && pgbouncer.isEmpty()) {
            throw new IllegalStateException(Pooler.NEEDS_PGBOUNCER);
        }
        Pooler.stop(cluster);
        cluster.poolMode = mode;
        Pooler.start(home, cluster, new LocalPostgres(pgAdminUrl), pgbouncer);
        recordPooler(store, cluster);
    }

    /**
     * Writes only the pooler's fields back, so that a change another command made
     * meanwhile stays.
     */
    private static void recordPooler(StateStore store, MpgCluster started) {
        store.update(state -> {
            MpgCluster stored = state.cluster(started.id);
            stored.poolMode = started.poolMode;
            stored.pgbouncerPidFile = started.pgbouncerPidFile;
            return null;
        });
    }

    public static Optional<AppView> app(Path home, String name) {
        return new StateStore(home).read()
            .findApp(name)
            .map(app -> new AppView(app.name, app.kind, app.desiredCount,
                    app.machines.stream().filter(Machine::started).map(m -> m.id).toList(), Map.copyOf(app.secrets),
                    Set.copyOf(app.stagedSecretNames), Map.copyOf(app.runningSecrets)));
    }

    public static List<ClusterView> clusters(Path home) {
        return new StateStore(home).read().clusters.values()
            .stream()
            .map(c -> new ClusterView(c.id, c.name, c.status, c.pooledUrl(), c.directUrl(), c.pgbouncerPort,
                    Pooler.process(c).isPresent(), c.poolMode))
            .toList();
    }

    private static FlyApp flexApp(SeedApps seed) {
        FlyApp app = newApp(seed.flexApp(), seed);
        app.kind = FlyApp.KIND_FLEX;
        FlyApp.Release release = new FlyApp.Release(1, app.createdAt, "Initial release");
        release.imageRef = "flyio/postgres-flex:17.2";
        app.releases.add(release);
        Machine machine = new Machine(seed.flexMachineId(), Machine.STARTED, seed.region(), "shared-cpu-1x", 1);
        machine.image = release.imageRef;
        app.machines.add(machine);
        app.desiredCount = 1;
        FlyApp.Volume volume = new FlyApp.Volume();
        volume.id = seed.flexVolumeId();
        volume.name = "pg_data";
        volume.sizeGb = 1;
        volume.region = seed.region();
        volume.attachedMachine = machine.id;
        volume.createdAt = app.createdAt;
        app.volumes.add(volume);
        app.postgres = new FlyApp.FlexPostgres();
        app.postgres.database = seed.flexDatabase();
        app.postgres.user = PostgresUrl.parse(seed.flexDatabaseUrl()).user();
        app.postgres.version = "17.2";
        deploySecret(app, "DATABASE_URL", seed.flexDatabaseUrl());
        app.log(machine, "Starting Postgres Flex " + app.postgres.version);
        return app;
    }

    private static FlyApp application(SeedApps seed) {
        FlyApp app = newApp(seed.app(), seed);
        FlyApp.Release release = new FlyApp.Release(1, app.createdAt, "Deploy image");
        release.imageRef = "registry.fly.io/" + seed.app() + ":deployment-"
                + Ids.cluster().toUpperCase(java.util.Locale.ROOT);
        app.releases.add(release);
        // The release already shipped before the migration: migrations through the direct
        // URL (the runbook's prepare steps).
        app.config.releaseCommand = "/bin/sh -lc 'DATABASE_URL=$DIRECT_DATABASE_URL bin/migrate'";
        app.config.primaryRegion = seed.region();
        for (int i = 0; i < seed.appMachines(); i++) {
            Machine machine = new Machine(Ids.machine(), Machine.STARTED, seed.region(), "performance-2x", 1);
            machine.image = release.imageRef;
            app.machines.add(machine);
            app.log(machine, "Machine started, listening on 0.0.0.0:8080");
        }
        app.desiredCount = seed.appMachines();
        deploySecret(app, "DATABASE_URL", seed.flexDatabaseUrl());
        return app;
    }

    private static FlyApp newApp(String name, SeedApps seed) {
        FlyApp app = new FlyApp();
        app.name = name;
        app.org = seed.org();
        app.region = seed.region();
        app.createdAt = Ids.now();
        return app;
    }

    private static void deploySecret(FlyApp app, String name, String value) {
        app.secrets.put(name, value);
        app.secretCreatedAt.put(name, app.createdAt);
        AppLifecycle.applySecrets(app);
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        }
        catch (java.io.IOException e) {
            return false;
        }
    }

}
