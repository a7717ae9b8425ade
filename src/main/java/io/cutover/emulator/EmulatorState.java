package io.cutover.emulator;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The whole emulated Fly organization: the root object of {@code state.json}. */
final class EmulatorState {

    public Map<String, FlyApp> apps = new TreeMap<>();

    public Map<String, MpgCluster> clusters = new TreeMap<>();

    public Map<String, FlyToken> tokens = new TreeMap<>();

    /**
     * Who is asking (set per invocation, never stored): lookups the token cannot reach
     * fail as unknown.
     */
    FlyToken caller;

    /** The app, or the API's answer for an app this token cannot see (contract 1.3). */
    FlyApp app(String name) {
        FlyApp app = apps.get(name);
        if (app == null || (caller != null && !caller.reachesApp(app))) {
            throw new AppNotFound(name);
        }
        return app;
    }

    Optional<FlyApp> findApp(String name) {
        return Optional.ofNullable(apps.get(name));
    }

    /**
     * flyctl reports any failed cluster lookup, 401 and 403 included, as not found
     * (contract 2, mpg).
     */
    MpgCluster cluster(String id) {
        MpgCluster cluster = clusters.get(id);
        if (cluster == null || (caller != null && !caller.reachesOrg(cluster.org))) {
            throw new FlyError(FlyContract.get().message("clusterNotFound", id));
        }
        return cluster;
    }

    /** The API's "Could not find App"; each command puts its own prefix before it. */
    static final class AppNotFound extends FlyError {

        final String app;

        AppNotFound(String app) {
            super(FlyContract.get().message("appNotFound"));
            this.app = app;
        }

    }

}
