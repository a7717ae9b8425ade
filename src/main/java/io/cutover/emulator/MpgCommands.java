package io.cutover.emulator;

import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code mpg create|list|status|connect|proxy|attach|detach|destroy}; backups, users and databases are in {@link MpgDataCommands}. */
final class MpgCommands {

    static final int DEFAULT_PROXY_PORT = 16380;

    private MpgCommands() {}

    static int run(Invocation inv) {
        String sub = inv.args().wordOr(1, "");
        return switch (sub) {
            case "create" -> create(inv);
            case "list", "ls" -> list(inv);
            case "status" -> status(inv);
            case "connect" -> connect(inv);
            case "proxy" -> proxy(inv);
            case "attach" -> attach(inv);
            case "detach" -> detach(inv);
            case "destroy" -> destroy(inv);
            case "backup", "backups", "restore", "users", "databases" -> MpgDataCommands.run(inv);
            default -> throw new FlyError("unknown command \"" + sub + "\" for \"flyctl mpg\"");
        };
    }

    /**
     * The cluster named by the first argument after the subcommand (or {@code --cluster}); with
     * none given, flyctl would prompt, so the emulator takes the only cluster there is.
     */
    static MpgCluster cluster(Invocation inv, EmulatorState state, int index) {
        String id = inv.args().word(index).or(() -> inv.args().flag("cluster")).orElse(null);
        if (id != null) {
            return state.cluster(id);
        }
        if (state.clusters.size() == 1) {
            return state.clusters.values().iterator().next();
        }
        throw new FlyError("a cluster ID is required when not running interactively (" + state.clusters.size() + " clusters exist)");
    }

    private static int create(Invocation inv) {
        FlyArgs args = inv.args();
        String name = args.flag("name").filter(n -> !n.isBlank())
                .orElseThrow(() -> new FlyError("--name is required when not running interactively"));
        String region = args.flag("region").filter(r -> !r.isBlank())
                .orElseThrow(() -> new FlyError("--region is required when not running interactively"));
        String versionWord = args.flag("pg-major-version").orElse("16");
        int version = parseInt(versionWord, "pg-major-version");
        if (version != 16 && version != 17) {
            throw new FlyError("invalid Postgres major version: " + version + ". Supported versions are 16 and 17");
        }
        // Without a plan flyctl falls back to basic when it cannot prompt; a misspelt one is refused here.
        String planWord = args.flag("plan").orElse("");
        MpgPlan plan = planWord.isBlank() ? MpgPlan.BASIC : MpgPlan.find(planWord).orElseThrow(() -> new FlyError(
                "invalid plan \"" + planWord + "\": choose one of basic, starter, launch, scale, performance"));
        MpgCluster cluster = new MpgCluster();
        cluster.name = name;
        cluster.region = region;
        cluster.org = args.flag("org").orElse("personal");
        cluster.plan = plan.key();
        cluster.volumeSizeGb = parseInt(args.flag("volume-size").orElse("10"), "volume-size");
        cluster.pgMajor = version;
        cluster.status = "initializing";
        MpgProvisioner.create(inv.home(), inv.postgres(), cluster);
        inv.store().update(state -> state.clusters.put(cluster.id, cluster));
        var out = inv.out();
        out.println("Selected Plan: " + plan.displayName);
        out.println("  CPU: " + plan.cpu);
        out.println("  Memory: " + plan.memory);
        out.println("  Price: $" + plan.pricePerMonth + " per month");
        out.println();
        out.println("Waiting for cluster " + name + " (" + cluster.id + ") to be ready...");
        out.println("You can view the cluster in the UI at: https://fly.io/dashboard/" + cluster.org + "/managed_postgres/" + cluster.id);
        out.println("You can cancel this wait with Ctrl+C - the cluster will continue provisioning in the background.");
        out.println("Once ready, you can connect to the database with: fly mpg connect " + cluster.id);
        out.println();
        out.println();
        out.println("Managed Postgres cluster created successfully!");
        out.println("  ID: " + cluster.id);
        out.println("  Name: " + cluster.name);
        out.println("  Organization: " + cluster.org);
        out.println("  Region: " + cluster.region);
        out.println("  Plan: " + cluster.plan);
        out.println("  Disk: " + cluster.volumeSizeGb + "GB");
        out.println("  PostGIS: false");
        out.println("  Connection string: " + cluster.pooledUrl());
        return 0;
    }

    private static int list(Invocation inv) {
        String org = inv.args().flag("org").orElse(null);
        List<MpgCluster> clusters = inv.store().read().clusters.values().stream()
                .filter(c -> org == null || org.equals(c.org)).toList();
        if (clusters.isEmpty()) {
            inv.out().println("No managed postgres clusters found in organization " + (org == null ? "personal" : org));
            return 0;
        }
        if (inv.args().json()) {
            inv.out().println(StateStore.JSON.writeValueAsString(clusters.stream().map(c -> {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("id", c.id);
                json.put("name", c.name);
                json.put("region", c.region);
                json.put("status", c.status);
                json.put("plan", c.plan);
                json.put("organization", Map.of("slug", c.org));
                json.put("attached_apps", c.attachments.stream().map(a -> Map.of("name", a)).toList());
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
        MpgCluster c = cluster(inv, inv.store().read(), 2);
        if (inv.args().json()) {
            // Like the legacy API response flyctl prints for --json, this carries the credentials.
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("id", c.id);
            data.put("name", c.name);
            data.put("region", c.region);
            data.put("status", c.status);
            data.put("plan", c.plan);
            data.put("disk", c.volumeSizeGb);
            data.put("replicas", 1);
            data.put("organization", Map.of("slug", c.org));
            data.put("ip_assignments", Map.of("direct", "127.0.0.1"));
            Map<String, Object> credentials = new LinkedHashMap<>();
            credentials.put("user", c.user);
            credentials.put("password", c.password);
            credentials.put("dbname", c.database);
            credentials.put("connection_uri", c.pooledUrl());
            inv.out().println(StateStore.JSON.writeValueAsString(Map.of("data", data, "credentials", credentials)));
            return 0;
        }
        String used = inv.postgres().column(inv.postgres().admin().database(),
                "SELECT round(sum(pg_database_size(datname)) / 1073741824.0, 1)::text FROM pg_database WHERE datname IN ("
                        + String.join(", ", c.allDatabases().stream().map(LocalPostgres::literal).toList()) + ")").get(0);
        TextTable.vertical(inv.out(), "Cluster Status",
                List.of("ID", "Name", "Organization", "Region", "Status", "Total Used Storage (GB)",
                        "Total Allocated Storage (GB)", "Replicas", "Direct IP"),
                List.of(c.id, c.name, c.org, c.region, c.status, used == null ? "N/A" : used,
                        c.volumeSizeGb + ".0", "1", "127.0.0.1"));
        return 0;
    }

    private static int connect(Invocation inv) {
        MpgCluster c = cluster(inv, inv.store().read(), 2);
        PostgresUrl pooled = PostgresUrl.parse(c.pooledUrl());
        String database = inv.args().flag("database").orElse(c.database);
        return PostgresTools.psql(pooled.withDatabase(database), inv.in(), inv.out(), inv.err());
    }

    /** Forwards to the cluster's direct address, which bypasses PgBouncer; blocks until killed. */
    private static int proxy(Invocation inv) {
        MpgCluster c = cluster(inv, inv.store().read(), 2);
        int local = parseInt(inv.args().flag("port").orElse(Integer.toString(DEFAULT_PROXY_PORT)), "port");
        TcpForwarder forwarder = new TcpForwarder(local, inv.postgres().serverHost(), inv.postgres().serverPort());
        ServerSocket socket = forwarder.bind();
        inv.out().println("Proxying local port " + local + " to remote [" + c.directHost() + "]:" + PostgresUrl.DEFAULT_PORT);
        inv.out().flush();
        forwarder.serve(socket);
        return 0;
    }

    /**
     * Sets the app's secret to the pooled URL. Like flyctl's, this only writes the secret store:
     * machines see it after the next deploy or start.
     */
    private static int attach(Invocation inv) {
        String appName = inv.args().app();
        String variable = inv.args().flag("variable-name").orElse("DATABASE_URL");
        Map.Entry<String, String> attached = inv.store().update(state -> {
            MpgCluster c = cluster(inv, state, 2);
            FlyApp app = state.app(appName);
            if (app.secrets.containsKey(variable)) {
                throw new FlyError("app " + appName + " already has " + variable + " set. Use 'fly secrets unset "
                        + variable + "' to remove it first");
            }
            String url = c.pooledUrl(inv.args().flag("database").orElse(c.database));
            app.secrets.put(variable, url);
            app.secretCreatedAt.put(variable, Ids.now());
            app.stagedSecretNames.add(variable);
            if (!c.attachments.contains(appName)) {
                c.attachments.add(appName);
            }
            return Map.entry(c.id, url);
        });
        inv.out().println();
        inv.out().println("Postgres cluster " + attached.getKey() + " is being attached to " + appName);
        inv.out().println("The following secret was added to " + appName + ":");
        inv.out().println("  " + variable + "=" + attached.getValue());
        return 0;
    }

    private static int detach(Invocation inv) {
        String appName = inv.args().app();
        String id = inv.store().update(state -> {
            MpgCluster c = cluster(inv, state, 2);
            FlyApp app = state.app(appName);
            List<String> pointing = app.secrets.entrySet().stream()
                    .filter(e -> e.getValue().contains(c.pooledHost()) || e.getValue().contains(c.directHost()))
                    .map(Map.Entry::getKey).toList();
            pointing.forEach(name -> {
                app.secrets.remove(name);
                app.secretCreatedAt.remove(name);
                app.stagedSecretNames.remove(name);
            });
            c.attachments.remove(appName);
            return c.id;
        });
        inv.out().println("Detached app " + appName + " from cluster " + id);
        return 0;
    }

    private static int destroy(Invocation inv) {
        MpgCluster c = cluster(inv, inv.store().read(), 2);
        if (!inv.args().yes()) {
            throw new FlyError("--yes flag must be specified when not running interactively");
        }
        MpgProvisioner.destroy(inv.home(), inv.postgres(), c);
        inv.store().update(state -> state.clusters.remove(c.id));
        inv.out().println("Managed Postgres cluster " + c.id + " was destroyed");
        return 0;
    }

    static int parseInt(String word, String flag) {
        try {
            return Integer.parseInt(word.trim());
        } catch (NumberFormatException e) {
            throw new FlyError("invalid argument \"" + word + "\" for \"--" + flag + "\" flag: strconv.ParseInt: parsing \""
                    + word + "\": invalid syntax");
        }
    }
}
