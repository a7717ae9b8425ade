package io.cutover.emulator;

import io.cutover.emulator.FlyApp.Machine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code scale count} and {@code scale show} (contract 2.4, 2.5). Scaling down destroys
 * machines; scaling up clones the group's first machine or, when the group has none,
 * builds a machine from the latest release in the primary region with the default guest:
 * what was destroyed is not restored.
 */
final class ScaleCommands {

    static final String DEFAULT_SIZE = "shared-cpu-1x";

    private ScaleCommands() {
    }

    static int run(Invocation inv) {
        return inv.args().wordOr(1, "").equals("show") ? show(inv) : count(inv);
    }

    private static int count(Invocation inv) {
        Map<String, String> wanted = wanted(inv);
        String appName = inv.args().app();
        return inv.store().update(state -> {
            FlyApp app = state.app(appName);
            if (app.releases.stream().noneMatch(r -> "complete".equals(r.status))) {
                throw new FlyError(inv.contract().message("noReleases"));
            }
            List<String> unknown = wanted.keySet()
                .stream()
                .filter(g -> !app.config.processGroups.containsKey(g))
                .toList();
            if (!unknown.isEmpty()) {
                throw new FlyError("Attempting to scale unknown process groups [" + String.join(" ", unknown)
                        + "] but valid names are [" + String.join(" ", app.config.processGroups.keySet()) + "].");
            }
            List<String> regions = regions(inv, app);
            Map<String, Integer> targets = new LinkedHashMap<>();
            wanted.forEach((group, count) -> targets.put(group, target(app.group(group).size(), count)));
            if (targets.entrySet().stream().allMatch(e -> app.group(e.getKey()).size() == e.getValue())) {
                inv.out().println("App already scaled to desired state. No need for changes");
                return 0;
            }
            inv.out().println("App '" + app.name + "' is going to be scaled according to this plan:");
            targets.forEach((group, target) -> inv.out()
                .printf("%+4d machines for group '%s' on region '%s' of size '%s'%n", target - app.group(group).size(),
                        group, regions.get(0), size(inv, app, group)));
            if (!inv.args().yes()) {
                throw new FlyError(inv.contract().message("yesDashes"));
            }
            inv.out().println("Executing scale plan");
            targets.forEach((group, target) -> converge(inv, app, group, target, regions));
            return 0;
        });
    }

    private static void converge(Invocation inv, FlyApp app, String group, int target, List<String> regions) {
        List<Machine> current = app.group(group);
        boolean wasRunning = app.startedCount() > 0;
        for (Machine surplus : current.subList(Math.min(target, current.size()), current.size())) {
            app.machines.remove(surplus);
            app.log(surplus, "Machine destroyed by scale count");
            inv.out().println("  Destroyed " + describe(surplus));
        }
        String size = size(inv, app, group);
        String image = current.isEmpty() ? app.latestImage() : current.get(0).image;
        for (int i = current.size(); i < target; i++) {
            Machine created = new Machine(Ids.machine(), Machine.STOPPED, regions.get(i % regions.size()), size,
                    app.currentVersion());
            created.group = group;
            created.image = image;
            app.machines.add(created);
            if (!wasRunning) {
                AppLifecycle.applySecrets(app);
            }
            AppLifecycle.start(app, created);
            inv.out().println("  Created " + describe(created));
        }
        app.desiredCount = app.machines.size();
    }

    /**
     * Group=count pairs, or one count for {@code --process-group} (default {@code app}).
     */
    private static Map<String, String> wanted(Invocation inv) {
        List<String> words = inv.args().wordsFrom(2);
        Map<String, String> wanted = new LinkedHashMap<>();
        if (words.size() == 1 && !words.get(0).contains("=")) {
            wanted.put(inv.args().flag("process-group").orElse(AppLifecycle.PROCESS_GROUP), words.get(0));
            return wanted;
        }
        for (String word : words) {
            String[] pair = word.split("=", 2);
            if (pair.length != 2 || pair[0].isBlank()) {
                throw new FlyError("'" + word + "' is not a valid process=count option");
            }
            wanted.put(pair[0], pair[1]);
        }
        return wanted;
    }

    private static int target(int current, String count) {
        try {
            int n = Integer.parseInt(count.startsWith("+") ? count.substring(1) : count);
            return Math.max(0, count.startsWith("+") || count.startsWith("-") ? current + n : n);
        }
        catch (NumberFormatException e) {
            throw new FlyError("invalid relative scale count: strconv.Atoi: parsing \"" + count + "\": invalid syntax");
        }
    }

    /**
     * {@code --region}, else the regions of the app's machines, else the primary region.
     */
    private static List<String> regions(Invocation inv, FlyApp app) {
        return inv.args()
            .flag("region")
            .map(r -> Arrays.asList(r.split(",")))
            .or(() -> app.machines.isEmpty() ? java.util.Optional.empty()
                    : java.util.Optional.of(app.machines.stream().map(m -> m.region).distinct().toList()))
            .orElse(List.of(app.primaryRegion()));
    }

    /**
     * The group's first machine, else [[vm]], else another group's machine, and only then
     * the VM flags or the default.
     */
    private static String size(Invocation inv, FlyApp app, String group) {
        List<Machine> current = app.group(group);
        if (!current.isEmpty()) {
            return current.get(0).size;
        }
        if (app.config.vmSize != null) {
            return app.config.vmSize;
        }
        return app.machines.stream()
            .map(m -> m.size)
            .findFirst()
            .orElseGet(() -> inv.args().flag("vm-size").orElse(DEFAULT_SIZE));
    }

    private static int show(Invocation inv) {
        FlyApp app = inv.store().read().app(inv.args().app());
        Map<String, List<Machine>> groups = new TreeMap<>();
        app.machines.forEach(m -> groups.computeIfAbsent(m.group, g -> new ArrayList<>()).add(m));
        if (inv.args().json()) {
            inv.out().println(StateStore.JSON.writeValueAsString(groups.entrySet().stream().map(e -> {
                Map<String, Integer> regions = new TreeMap<>();
                e.getValue().forEach(m -> regions.merge(m.region, 1, Integer::sum));
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("Process", e.getKey());
                json.put("Count", e.getValue().size());
                json.put("CPUKind", e.getValue().get(0).size.startsWith("performance") ? "performance" : "shared");
                json.put("CPUs", AppLifecycle.cpus(e.getValue().get(0).size));
                json.put("Memory", AppLifecycle.memoryMb(e.getValue().get(0).size));
                json.put("Regions", regions);
                return json;
            }).toList()));
            return 0;
        }
        inv.out().println("VM Resources for app: " + app.name);
        inv.out().println();
        TextTable table = new TextTable("Name", "Count", "Kind", "CPUs", "Memory", "Regions");
        groups.forEach((group, machines) -> table.row(group, machines.size(),
                machines.get(0).size.startsWith("performance") ? "performance" : "shared",
                AppLifecycle.cpus(machines.get(0).size), AppLifecycle.memoryMb(machines.get(0).size) + " MB",
                String.join(",", machines.stream().map(m -> m.region).distinct().toList())));
        inv.out().println("Groups");
        table.print(inv.out());
        return 0;
    }

    static String describe(Machine machine) {
        return machine.id + " group:" + machine.group + " region:" + machine.region + " size:" + machine.size;
    }

}
