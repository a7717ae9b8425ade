package io.cutover.emulator;

import io.cutover.emulator.FlyApp.LogLine;
import io.cutover.emulator.FlyApp.Machine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code status}, {@code machine list}, {@code scale count}, {@code deploy}, {@code logs}, {@code ssh console}, {@code apps destroy}. */
final class AppCommands {

    private AppCommands() {}

    static int status(Invocation inv) {
        FlyApp app = inv.store().read().app(inv.args().app());
        if (inv.args().json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("ID", app.name);
            json.put("Name", app.name);
            json.put("Status", app.startedCount() > 0 ? "deployed" : "suspended");
            json.put("Hostname", app.name + ".fly.dev");
            json.put("Organization", Map.of("Slug", app.org));
            json.put("Machines", app.machines.stream().map(m -> machineJson(app, m)).toList());
            inv.out().println(StateStore.JSON.writeValueAsString(json));
            return 0;
        }
        TextTable.vertical(inv.out(), "App", List.of("Name", "Owner", "Hostname", "Image", "Platform"),
                List.of(app.name, app.org, app.name + ".fly.dev", image(app), "machines"));
        inv.out().println("Machines");
        TextTable table = new TextTable("Process", "ID", "Version", "Region", "State", "Checks", "Last Updated");
        for (Machine m : app.machines) {
            table.row(AppLifecycle.PROCESS_GROUP, m.id, m.version, m.region, m.state, checks(m), m.updatedAt);
        }
        table.print(inv.out());
        return 0;
    }

    static int machineList(Invocation inv) {
        FlyApp app = inv.store().read().app(inv.args().app());
        if (inv.args().json()) {
            inv.out().println(StateStore.JSON.writeValueAsString(app.machines.stream().map(m -> machineJson(app, m)).toList()));
            return 0;
        }
        inv.out().println(app.machines.size() + " machines have been retrieved from app " + app.name + ".");
        inv.out().println("View them in the UI here (https://fly.io/apps/" + app.name + "/machines/)");
        inv.out().println();
        inv.out().println(app.name);
        TextTable table = new TextTable("ID", "Name", "State", "Checks", "Region", "Image", "Volume", "Last Updated", "Process Group", "Size");
        for (Machine m : app.machines) {
            String volume = app.volumes.stream().filter(v -> m.id.equals(v.attachedMachine)).map(v -> v.id).findFirst().orElse("");
            table.row(m.id, machineName(app, m), m.state, checks(m), m.region, image(app), volume, m.updatedAt,
                    AppLifecycle.PROCESS_GROUP, m.size);
        }
        table.print(inv.out());
        return 0;
    }

    static int scale(Invocation inv) {
        if (!inv.args().wordOr(1, "").equals("count")) {
            throw new FlyError("unknown command \"" + inv.args().wordOr(1, "") + "\" for \"flyctl scale\"");
        }
        String countWord = inv.required(2, "the machine count");
        int count;
        try {
            count = Integer.parseInt(countWord);
        } catch (NumberFormatException e) {
            throw new FlyError("invalid count: " + countWord);
        }
        if (count < 0) {
            throw new FlyError("count must be zero or more, got " + count);
        }
        String appName = inv.args().app();
        if (!inv.args().yes()) {
            inv.store().read().app(appName);
            throw new FlyError("yes flag must be specified when not running interactively");
        }
        return inv.store().update(state -> {
            AppLifecycle.scale(state.app(appName), count, inv.out());
            return 0;
        });
    }

    static int deploy(Invocation inv) {
        String appName = inv.args().app();
        return inv.store().update(state -> {
            FlyApp app = state.app(appName);
            var out = inv.out();
            out.println("==> Verifying app config");
            out.println("--> Verified app config");
            out.println("==> Building image");
            int version = AppLifecycle.release(app, "Deploy image").version;
            out.println("--> Building image done (emulated: nothing is built)");
            out.println("image: registry.fly.io/" + app.name + ":deployment-" + version);
            out.println();
            out.println("Watch your deployment at https://fly.io/apps/" + app.name + "/monitoring");
            out.println();
            app.log(null, "Release v" + version + " created");
            AppLifecycle.rollingUpdate(app, out);
            out.println();
            out.println("Visit your newly deployed app at https://" + app.name + ".fly.dev/");
            return 0;
        });
    }

    static int logs(Invocation inv) {
        FlyApp app = inv.store().read().app(inv.args().app());
        for (LogLine line : app.logs) {
            inv.out().println(line.time + " " + line.text);
        }
        return 0;
    }

    static int sshConsole(Invocation inv) {
        if (!inv.args().wordOr(1, "").equals("console")) {
            throw new FlyError("unknown command \"" + inv.args().wordOr(1, "") + "\" for \"flyctl ssh\"");
        }
        FlyApp app = inv.store().read().app(inv.args().app());
        String command = inv.args().flag("command").orElseThrow(() -> new FlyError(
                "the emulator has no interactive shell; run a command with -C \"printenv NAME\""));
        Machine machine = app.machines.stream().filter(Machine::started).findFirst()
                .orElseThrow(() -> new FlyError("app " + app.name + " has no started VMs."));
        String[] words = command.trim().split("\\s+");
        if (words.length != 2 || !words[0].equals("printenv")) {
            throw new FlyError("the emulator only runs \"printenv NAME\" over ssh, not: " + command);
        }
        inv.err().println("Connecting to " + machine.id + ".vm." + app.name + ".internal... complete");
        Map<String, String> environment = new LinkedHashMap<>(app.runningSecrets);
        environment.put("FLY_APP_NAME", app.name);
        environment.put("FLY_MACHINE_ID", machine.id);
        environment.put("FLY_REGION", machine.region);
        environment.put("PRIMARY_REGION", app.region);
        String value = environment.get(words[1]);
        if (value == null) {
            throw new FlyError("ssh shell: Process exited with status 1");
        }
        inv.out().println(value);
        return 0;
    }

    static int appsDestroy(Invocation inv) {
        if (!inv.args().wordOr(1, "").equals("destroy")) {
            throw new FlyError("unknown command \"" + inv.args().wordOr(1, "") + "\" for \"flyctl apps\"");
        }
        String appName = inv.args().word(2).orElseGet(() -> inv.args().app());
        inv.store().read().app(appName);
        if (!inv.args().yes()) {
            throw new FlyError("--yes flag must be specified when not running interactively");
        }
        FlyApp destroyed = inv.store().update(state -> {
            FlyApp app = state.app(appName);
            state.apps.remove(appName);
            state.clusters.values().forEach(c -> c.attachments.remove(appName));
            return app;
        });
        if (destroyed.flex() && destroyed.postgres != null) {
            // The Flex machines and their volume go with the app, and the database with them.
            inv.postgres().dropDatabase(destroyed.postgres.database);
        }
        inv.out().println("Destroyed app " + appName);
        return 0;
    }

    static String image(FlyApp app) {
        if (app.flex()) {
            String version = app.postgres == null ? "17.2" : app.postgres.version;
            return "flyio/postgres-flex:" + version + " (v0.0.66)";
        }
        return "registry.fly.io/" + app.name + ":deployment-" + app.currentVersion();
    }

    private static String checks(Machine m) {
        return m.started() ? "1 total, 1 passing" : "";
    }

    private static String machineName(FlyApp app, Machine m) {
        return app.name + "-" + (app.machines.indexOf(m) + 1);
    }

    private static Map<String, Object> machineJson(FlyApp app, Machine m) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", m.id);
        json.put("name", machineName(app, m));
        json.put("state", m.state);
        json.put("region", m.region);
        json.put("image_ref", Map.of("repository", image(app)));
        json.put("config", Map.of("guest", Map.of("size", m.size), "metadata", Map.of("fly_process_group", AppLifecycle.PROCESS_GROUP)));
        json.put("version", m.version);
        json.put("updated_at", m.updatedAt);
        List<Object> checks = new ArrayList<>();
        if (m.started()) {
            checks.add(Map.of("name", "servicecheck-00-http-8080", "status", "passing"));
        }
        json.put("checks", checks);
        return json;
    }
}
