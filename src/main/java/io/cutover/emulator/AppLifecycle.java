package io.cutover.emulator;

import io.cutover.emulator.FlyApp.Machine;
import io.cutover.emulator.FlyApp.Release;
import java.io.PrintStream;
import java.util.List;
import java.util.TreeMap;

/**
 * How machines of an emulated app start, stop and restart, and when the secrets they run
 * with change: only when a machine (re)starts, which is why staged secrets are invisible
 * until then.
 */
final class AppLifecycle {

    static final String PROCESS_GROUP = "app";

    private AppLifecycle() {
    }

    static Release release(FlyApp app, String description) {
        Release release = new Release(app.currentVersion() + 1, Ids.now(), description);
        release.imageRef = app.latestImage();
        app.releases.add(release);
        return release;
    }

    /**
     * The machines pick up the stored secrets: from now on they are what the app runs
     * with.
     */
    static void applySecrets(FlyApp app) {
        app.runningSecrets = new TreeMap<>(app.secrets);
        app.stagedSecretNames.clear();
    }

    /**
     * Restarts every started machine with the current secrets and release, like a rolling
     * update.
     */
    static void rollingUpdate(FlyApp app, PrintStream out) {
        applySecrets(app);
        List<Machine> started = app.machines.stream().filter(Machine::started).toList();
        out.println("Updating existing machines in '" + app.name + "' with rolling strategy");
        out.println("-------");
        int index = 0;
        for (Machine machine : started) {
            index++;
            machine.version = app.currentVersion();
            machine.image = app.latestImage();
            machine.updatedAt = Ids.now();
            app.log(machine, "Sending signal SIGINT to main child process");
            app.log(machine, "Machine restarted for release v" + app.currentVersion());
            out.println(" ✔ [" + index + "/" + started.size() + "] Machine " + machine.id + " [" + machine.group
                    + "] update succeeded");
        }
        out.println("-------");
    }

    static void start(FlyApp app, Machine machine) {
        machine.state = Machine.STARTED;
        machine.version = app.currentVersion();
        machine.updatedAt = Ids.now();
        app.log(machine, "Starting machine");
        app.log(machine, "Machine started, listening on 0.0.0.0:8080");
    }

    static void stop(FlyApp app, Machine machine) {
        machine.state = Machine.STOPPED;
        machine.updatedAt = Ids.now();
        app.log(machine, "Sending signal SIGINT to main child process");
        app.log(machine, "Machine stopped");
    }

    /** Fly's named guest sizes: CPUs and memory of each. */
    static int cpus(String size) {
        return Integer.parseInt(size.replaceAll(".*-(\\d+)x$", "$1"));
    }

    static int memoryMb(String size) {
        int cpus = cpus(size);
        return size.startsWith("performance") ? 2048 * cpus : 256 * cpus;
    }

}
