package io.cutover.emulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code mpg create|list|status} and how every {@code mpg} command finds its cluster; the
 * app-facing commands are in {@link MpgAppCommands}, backups, restore, users and
 * databases in {@link MpgDataCommands}.
 */
final class MpgCommands {

    private MpgCommands() {
    }

    static int run(Invocation inv) {
        return switch (inv.args().wordOr(1, "")) {
            case "create" -> create(inv);
            case "list" -> list(inv);
            case "status" -> status(inv);
            case "connect", "proxy", "attach", "detach", "destroy" -> MpgAppCommands.run(inv);
            default -> MpgDataCommands.run(inv);
        };
    }

    /**
     * The cluster named by the command's argument. Without one flyctl needs the org and
     * then its cluster picker, which fails non-interactively: it never takes "the only
     * cluster" by itself.
     */
    static MpgCluster cluster(Invocation inv, EmulatorState state) {
        String id = inv.args().argument().orElse(null);
        if (id != null) {
            return state.cluster(id);
        }
        String org = promptOrg(inv);
        if (state.clusters.values().stream().noneMatch(c -> c.org.equals(org))) {
            throw new FlyError("no managed postgres clusters found in organization " + org);
        }
        throw new FlyError(inv.contract().message("nonInteractive"));
    }

    /**
     * flyctl's {@code prompt.Org}: FLY_ORG, else the single personal org, else the
     * non-interactive error (contract 1.2).
     */
    static String promptOrg(Invocation inv) {
        String env = inv.env().getOrDefault("FLY_ORG", inv.env().get("FLY_ORGANIZATION"));
        if (env != null && !env.isBlank()) {
            return env;
        }
        FlyToken caller = inv.caller();
        if (caller != null && FlyToken.ORG.equals(caller.kind) && caller.org.equals("personal")) {
            inv.err().println("automatically selected personal organization: personal");
            return "personal";
        }
        throw new FlyError("org slug must be specified when not running interactively");
    }

    private static int create(Invocation inv) {
        FlyArgs args = inv.args();
        String name = args.required("name");
        String org = args.flag("org").filter(o -> !o.isBlank()).orElseGet(() -> promptOrg(inv));
        if (inv.caller() == null || !inv.caller().reachesOrg(org)) {
            throw new FlyError("organization " + org + " not found");
        }
        int version = Integer.parseInt(args.flag("pg-major-version").orElse("16"));
        if (version != 16 && version != 17) {
            throw new FlyError("invalid Postgres major version: " + version + ". Supported versions are 16 and 17");
        }
        MpgPlan plan = MpgPlan.resolve(args.flag("plan").orElse(""));
        String region = args.required("region");
        List<String> regions = inv.contract().mpgRegions();
        if (!regions.contains(region)) {
            throw new FlyError("region " + region + " is not available for Managed Postgres. Available regions: ["
                    + String.join(" ", regions) + "]");
        }
        if (inv.store().read().clusters.values().stream().anyMatch(c -> c.org.equals(org) && c.name.equals(name))) {
            // Names are unique per org (docs; the server's wording is not known).
            throw new FlyError("failed creating managed postgres cluster: a cluster named " + name
                    + " already exists in organization " + org);
        }
        MpgCluster cluster = new MpgCluster();
        cluster.name = name;
        cluster.region = region;
        cluster.org = org;
        cluster.plan = plan.key();
        cluster.volumeSizeGb = Integer.parseInt(args.flag("volume-size").orElse("10"));
        cluster.pgMajor = version;
        cluster.status = "initializing";
        var out = inv.out();
        out.println("Selected Plan: " + plan.displayName());
        out.println("  CPU: " + plan.cpu());
        out.println("  Memory: " + plan.memory());
        out.println("  Price: $" + plan.pricePerMonth() + " per month");
        out.println();
        cluster.id = Ids.cluster();
        out.println("Waiting for cluster " + name + " (" + cluster.id + ") to be ready...");
        out.println("You can view the cluster in the UI at: https://fly.io/dashboard/" + org + "/managed_postgres/"
                + cluster.id);
        out.println("You can cancel this wait with Ctrl+C - the cluster will continue provisioning in the background.");
        out.println("Once ready, you can connect to the database with: fly mpg connect " + cluster.id);
        out.println();
        out.flush();
        MpgProvisioner.create(inv.home(), inv.postgres(), cluster);
        inv.store().update(state -> state.clusters.put(cluster.id, cluster));
        out.println();
        out.println("Managed Postgres cluster created successfully!");
        out.println("  ID: " + cluster.id);
        out.println("  Name: " + cluster.name);
        out.println("  Organization: " + cluster.org);
        out.println("  Region: " + cluster.region);
        out.println("  Plan: " + cluster.plan);
        out.println("  Disk: " + cluster.volumeSizeGb + "GB");
        out.println("  PostGIS: " + args.has("enable-postgis-support"));
        out.println("  Connection string: " + cluster.pooledUrl());
        return 0;
    }

    private static int list(Invocation inv) {
        String org = inv.args()
            .flag("org")
            .filter(o -> !o.isBlank())
            .or(() -> java.util.Optional.ofNullable(inv.env().get("FLY_ORG")))
            .or(() -> inv.args().argument())
            .orElseThrow(() -> new FlyError("slug argument must be specified when not running interactively"));
        if (inv.caller() == null || !inv.caller().reachesOrg(org)) {
            throw new FlyError("failed retrieving organization with slug " + org + ": Could not find Organization");
        }
        List<MpgCluster> clusters = inv.store().read().clusters.values()
            .stream()
            .filter(c -> org.equals(c.org))
            .toList();
        if (clusters.isEmpty() || inv.args().has("deleted")) {
            inv.out()
                .println("No " + (inv.args().has("deleted") ? "deleted " : "")
                        + "managed postgres clusters found in organization " + org);
            return 0;
        }
        if (inv.args().json()) {
            inv.out().println(StateStore.JSON.writeValueAsString(clusters.stream().map(c -> {
                Map<String, Object> json = summary(c);
                json.put("version", c.pgMajor);
                json.put("attached_apps", c.attachments.stream().map(a -> Map.of("name", a, "id", a)).toList());
                return json;
            }).toList()));
            return 0;
        }
        TextTable table = new TextTable("ID", "Name", "Org", "Region", "Status", "Plan", "Attached Apps");
        for (MpgCluster c : clusters) {
            table.row(c.id, c.name, c.org, c.region, c.status, c.plan,
                    c.attachments.isEmpty() ? "<no attached apps>" : String.join(", ", c.attachments));
        }
        table.print(inv.out());
        return 0;
    }

    private static int status(Invocation inv) {
        MpgCluster c = cluster(inv, inv.store().read());
        if (inv.args().json()) {
            Map<String, Object> data = summary(c);
            data.put("engine", "postgres");
            data.put("attached_apps", c.attachments.stream().map(a -> Map.of("name", a, "id", a)).toList());
            Map<String, Object> credentials = new LinkedHashMap<>();
            credentials.put("status", c.status);
            credentials.put("user", c.user);
            credentials.put("password", c.password);
            credentials.put("dbname", c.database);
            credentials.put("pgbouncer_uri", c.pooledUrl());
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("data", data);
            json.put("credentials", credentials);
            inv.out().println(StateStore.JSON.writeValueAsString(json));
            return 0;
        }
        TextTable.vertical(inv.out(), "Cluster Status",
                List.of("ID", "Name", "Organization", "Region", "Status", "Allocated Disk (GB)", "Replicas",
                        "Direct IP"),
                List.of(c.id, c.name, c.org, c.region, c.status, String.valueOf(c.volumeSizeGb), "1",
                        MpgCluster.DIRECT_IP));
        return 0;
    }

    private static Map<String, Object> summary(MpgCluster c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", c.id);
        json.put("mpgd_cluster_id", c.id);
        json.put("name", c.name);
        json.put("region", c.region);
        json.put("status", c.status);
        json.put("plan", c.plan);
        json.put("disk", c.volumeSizeGb);
        json.put("replicas", 1);
        json.put("organization", Map.of("ID", c.org, "InternalNumericID", "1", "Name", c.org, "Slug", c.org, "RawSlug",
                c.org, "PaidPlan", true));
        json.put("ip_assignments", Map.of("direct", MpgCluster.DIRECT_IP));
        return json;
    }

}
