package io.cutover.emulator;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The whole emulated Fly organization: the root object of {@code state.json}. */
final class EmulatorState {

    public Map<String, FlyApp> apps = new TreeMap<>();
    public Map<String, MpgCluster> clusters = new TreeMap<>();

    /** The app, or flyctl's error for an unknown one. */
    FlyApp app(String name) {
        FlyApp app = apps.get(name);
        if (app == null) {
            throw new FlyError("Could not find App \"" + name + "\"");
        }
        return app;
    }

    Optional<FlyApp> findApp(String name) {
        return Optional.ofNullable(apps.get(name));
    }

    MpgCluster cluster(String id) {
        MpgCluster cluster = clusters.get(id);
        if (cluster == null) {
            throw new FlyError("failed retrieving details for cluster " + id + ": cluster not found");
        }
        return cluster;
    }
}
