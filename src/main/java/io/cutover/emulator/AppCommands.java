package io.cutover.emulator;

import io.cutover.emulator.FlyApp.LogLine;
import io.cutover.emulator.FlyApp.Machine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code status}, {@code machine list}, {@code logs}, {@code ssh console},
 * {@code apps destroy}.
 */
final class AppCommands {

    private AppCommands() {
    }

    static int status(Invocation inv) {
        FlyApp app = inv.store().read().app(inv.args().app());
        if (inv.args().json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("ID", app.name);
            json.put("Name", app.name);
            json.put("Deployed", !app.releases.isEmpty());
            json.put("Status", app.startedCount() > 0 ? "deployed" : "suspended");
            json.put("Hostname", app.name + ".fly.dev");
            json.put("Version", app.currentVersion());
            json.put("AppURL", "https://" + app.name + ".fly.dev");
            json.put("Organization", Map.of("ID", app.org, "InternalNumericID", "1", "Name", app.org, "Slug", app.org,
                    "RawSlug", app.org, "PaidPlan", true));
            json.put("PlatformVersion", "machines");
            json.put("Machines", app.machines.stream().map(m -> machineJson(app, m)).toList());
            inv.out().println(StateStore.JSON.writeValueAsString(json));
            return 0;
        }
        if (app.flex() && app.machines.isEmpty()) {
            inv.out().println("No machines are available on this app " + app.name);
            return 0;
        }
        TextTable.vertical(inv.out(), "App", List.of("Name", "Owner", "Hostname", "Image"),
                List.of(app.name, app.org, app.name + ".fly.dev", image(app)));
        if (app.machines.isEmpty()) {
            // A normal app with no machines shows only the App table and succeeds
            // (contract 2.1).
            return 0;
        }
        inv.out().println("Machines");
        TextTable table = new TextTable("Process", "ID", "Version", "Region", "State", "Checks", "Last Updated");
        for (Machine m : app.machines) {
            table.row(m.group, m.id, m.version, m.region, m.state, checks(m), m.updatedAt);
        }
        table.print(inv.out());
        return 0;
    }

    static int machineList(Invocation inv) {
        FlyApp app = inv.store().read().app(inv.args().app());
        if (inv.args().json()) {
            inv.out()
                .println(StateStore.JSON
                    .writeValueAsString(app.machines.stream().map(m -> machineJson(app, m)).toList()));
            return 0;
        }
        if (app.machines.isEmpty()) {
            inv.out().println("No machines are available on this app " + app.name);
            return 0;
        }
        inv.out().println(app.machines.size() + " machines have been retrieved from app " + app.name + ".");
        inv.out().println("View them in the UI here (https://fly.io/apps/" + app.name + "/machines/)");
        inv.out().println();
        inv.out().println(app.name);
        TextTable table = new TextTable("ID", "Name", "State", "Checks", "Region", "Image", "Volume", "Last Updated",
                "Process Group", "Size");
        for (Machine m : app.machines) {
            String volume = app.volumes.stream()
                .filter(v -> m.id.equals(v.attachedMachine))
                .map(v -> v.id)
                .findFirst()
                .orElse("");
            table.row(m.id, machineName(app, m), m.state, checks(m), m.region, image(app), volume, m.updatedAt, m.group,
                    m.size + ":" + AppLifecycle.memoryMb(m.size) + "MB");
        }
        table.print(inv.out());
        return 0;
    }

    /**
     * {@code logs}: the newest page of the log buffer. With {@code --no-tail} flyctl
     * polls until a page is not empty, without limit (contract 2.2); without it, it
     * follows the log until killed.
     */
    static int logs(Invocation inv) {
        String appName = inv.args().app();
        inv.store().read().app(appName);
        String region = inv.args().flag("machine").isPresent() ? null
                : inv.args().flag("region").orElse(inv.env().get("FLY_REGION"));
        java.time.Instant from = java.time.Instant.now()
            .minusSeconds(Long.parseLong(inv.env().getOrDefault("CUTOVER_EMULATOR_LOG_SECONDS", "600")));
        int printed = 0;
        while (true) {
            List<LogLine> page = inv.store().read().app(appName).logs.stream()
                .filter(l -> !java.time.Instant.parse(l.time).isBefore(from))
                .filter(l -> region == null || l.text.split(" ", 3)[1].equals(region))
                .filter(l -> inv.args().flag("machine").map(m -> l.text.startsWith("app[" + m + "]")).orElse(true))
                .toList();
            page.subList(Math.min(printed, page.size()), page.size()).forEach(l -> inv.out().println(colored(l)));
            inv.out().flush();
            printed = Math.max(printed, page.size());
            if (printed > 0 && inv.args().has("no-tail")) {
                return 0;
            }
            try {
                Thread.sleep(128);
            }
            catch (InterruptedException e) {
                return 127;
            }
        }
    }

    /**
     * flyctl writes log lines through aurora, which colours them even when piped
     * (contract 1.4).
     */
    private static String colored(LogLine line) {
        String[] parts = line.text.split(" ", 3);
        return "\u001b[2m" + line.time + "\u001b[0m " + parts[0] + " \u001b[32m" + parts[1] + "\u001b[0m " + parts[2];
    }

    static int sshConsole(Invocation inv) {
        FlyApp app = inv.store().read().app(inv.args().app());
        String command = inv.args()
            .flag("command")
            .orElseThrow(() -> new FlyError(
                    "the emulator has no interactive shell; run a command with -C \"printenv NAME\""));
        Machine machine = app.machines.stream()
            .filter(Machine::started)
            .findFirst()
            .orElseThrow(() -> new FlyError(
                    "app " + app.name + " has no started VMs.\nIt may be unhealthy or not have been deployed yet.\n"
                            + "Try the following command to verify:\n\nfly status"));
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
        List<String> names = inv.args().wordsFrom(2);
        if (names.isEmpty()) {
            throw new FlyError("no app names provided");
        }
        if (!inv.args().yes()) {
            inv.err().println("Destroying an app is not reversible.");
            throw new FlyError(inv.contract().message("yesNoDashes"));
        }
        for (String appName : names) {
            FlyApp destroyed = inv.store().update(state -> {
                FlyApp app = state.app(appName);
                state.apps.remove(appName);
                state.clusters.values().forEach(c -> c.attachments.remove(appName));
                return app;
            });
            if (destroyed.flex() && destroyed.postgres != null) {
                // The Flex machines and their volume go with the app, and the database
                // with them.
                inv.postgres().dropDatabase(destroyed.postgres.database);
            }
            inv.out().println("Destroyed app " + appName);
        }
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
        json.put("image_ref", Map.of("repository", m.image == null ? image(app) : m.image));
        json.put("config",
                Map.of("guest",
                        Map.of("cpu_kind", m.size.startsWith("performance") ? "performance" : "shared", "cpus",
                                AppLifecycle.cpus(m.size), "memory_mb", AppLifecycle.memoryMb(m.size)),
                        "metadata", Map.of("fly_process_group", m.group)));
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
