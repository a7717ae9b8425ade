package io.cutover.emulator;

import io.cutover.emulator.FlyApp.Machine;
import io.cutover.emulator.FlyApp.Release;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * How machines of an emulated app start, stop and restart, and when the secrets they run with
 * change: only when a machine (re)starts, which is why staged secrets are invisible until then.
 */
final class AppLifecycle {

    static final String PROCESS_GROUP = "app";

    private AppLifecycle() {}

    static Release release(FlyApp app, String description) {
        Release release = new Release(app.currentVersion() + 1, Ids.now(), description);
        app.releases.add(release);
        return release;
    }

    /** The machines pick up the stored secrets: from now on they are what the app runs with. */
    static void applySecrets(FlyApp app) {
        app.runningSecrets = new TreeMap<>(app.secrets);
        app.stagedSecretNames.clear();
    }

    /** Restarts every started machine with the current secrets and release, like a rolling update. */
    static void rollingUpdate(FlyApp app, PrintStream out) {
        applySecrets(app);
        List<Machine> started = app.machines.stream().filter(Machine::started).toList();
        out.println("Updating existing machines in '" + app.name + "' with rolling strategy");
        out.println("-------");
        int index = 0;
        for (Machine machine : started) {
            index++;
            machine.version = app.currentVersion();
            machine.updatedAt = Ids.now();
            app.log(machine, "Sending signal SIGINT to main child process");
            app.log(machine, "Machine restarted for release v" + app.currentVersion());
            out.println(" ✔ [" + index + "/" + started.size() + "] Machine " + machine.id + " [" + PROCESS_GROUP + "] update succeeded");
        }
        out.println("-------");
    }

    /**
     * Converges on {@code count} started machines. Scaling to zero stops machines (they can come
     * back); scaling up starts stopped ones before creating new ones; surplus machines are destroyed.
     */
    static void scale(FlyApp app, int count, PrintStream out) {
        if (app.machines.isEmpty()) {
            out.println("There are not active machines for this app. Did you ever `fly deploy`? if not, do it now");
            throw new FlyError("Impossible to scale the app when there aren't running machines for this app");
        }
        long startedBefore = app.startedCount();
        boolean wasRunning = startedBefore > 0;
        String size = app.machines.get(0).size;
        List<String> actions = new ArrayList<>();
        if (count == 0) {
            for (Machine machine : app.machines) {
                if (machine.started()) {
                    stop(app, machine);
                    actions.add("  Stopped " + describe(machine));
                }
            }
        } else {
            List<Machine> kept = new ArrayList<>(app.machines.subList(0, Math.min(count, app.machines.size())));
            for (Machine surplus : app.machines.subList(kept.size(), app.machines.size())) {
                app.log(surplus, "Machine destroyed by scale count");
                actions.add("  Destroyed " + describe(surplus));
            }
            while (kept.size() < count) {
                Machine created = new Machine(Ids.machine(), Machine.STOPPED, app.region, size, app.currentVersion());
                kept.add(created);
                actions.add("  Created " + describe(created));
            }
            app.machines = kept;
            if (!wasRunning) {
                applySecrets(app);
            }
            for (Machine machine : kept) {
                if (!machine.started()) {
                    boolean isNew = actions.stream().anyMatch(a -> a.contains("Created " + machine.id));
                    start(app, machine);
                    if (!isNew) {
                        actions.add("  Started " + describe(machine));
                    }
                }
            }
        }
        app.desiredCount = count;
        if (actions.isEmpty()) {
            out.println("App already scaled to desired state. No need for changes");
            return;
        }
        long delta = count - startedBefore;
        out.println("App '" + app.name + "' is going to be scaled according to this plan:");
        out.printf("%+4d machines for group '%s' on region '%s' with size '%s'%n", delta, PROCESS_GROUP, app.region, size);
        out.println("Executing scale plan");
        actions.forEach(out::println);
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

    private static String describe(Machine machine) {
        return machine.id + " group:" + PROCESS_GROUP + " region:" + machine.region + " size:" + machine.size;
    }
}
