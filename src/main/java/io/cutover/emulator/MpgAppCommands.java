package io.cutover.emulator;

import java.net.ServerSocket;
import java.util.Map;

/** {@code mpg connect|proxy|attach|detach|destroy} (contract 2.23-2.26, 2.31). */
final class MpgAppCommands {

    static final int DEFAULT_PROXY_PORT = 16380;

    private MpgAppCommands() {
    }

    static int run(Invocation inv) {
        return switch (inv.args().wordOr(1, "")) {
            case "connect" -> connect(inv);
            case "proxy" -> proxy(inv);
            case "attach" -> attach(inv);
            case "detach" -> detach(inv);
            default -> destroy(inv);
        };
    }

    private static int connect(Invocation inv) {
        MpgCluster c = MpgCommands.cluster(inv, inv.store().read());
        PostgresUrl pooled = PostgresUrl.parse(c.pooledUrl());
        String database = inv.args().flag("database").orElse(c.database);
        return PostgresTools.psql(pooled.withDatabase(database), inv.in(), inv.out(), inv.err());
    }

    /**
     * Forwards to the cluster's direct address, which bypasses PgBouncer; blocks until
     * killed.
     */
    private static int proxy(Invocation inv) {
        MpgCluster c = MpgCommands.cluster(inv, inv.store().read());
        String port = inv.args().flag("local-port").orElse(Integer.toString(DEFAULT_PROXY_PORT));
        int local = parsePort(port);
        TcpForwarder forwarder = new TcpForwarder(local, inv.postgres().serverHost(), inv.postgres().serverPort());
        ServerSocket socket = forwarder.bind();
        inv.out().println("Proxying localhost:" + local + " to remote [" + MpgCluster.DIRECT_IP + "]:5432");
        inv.out().flush();
        forwarder.serve(socket);
        return 0;
    }

    /** The cluster for attach/detach, in their wording (contract 2.25). */
    private static MpgCluster attachable(Invocation inv, EmulatorState state) {
        String id = inv.args().argument().orElse(null);
        if (id == null) {
            String org = state.app(inv.args().app()).org;
            inv.out().println("Listing clusters in organization " + org);
            throw new FlyError("failed retrieving cluster : " + inv.contract().message("nonInteractive"));
        }
        try {
            return state.cluster(id);
        }
        catch (FlyError e) {
            throw new FlyError("failed retrieving cluster " + id + ": " + e.getMessage());
        }
    }

    /**
     * Stages the app's secret with the pooled URL. Like flyctl's, this only writes the
     * secret store: machines see it after the next deploy or start.
     */
    private static int attach(Invocation inv) {
        String appName = inv.args().app();
        String variable = inv.args().flag("variable-name").filter(v -> !v.isBlank()).orElse("DATABASE_URL");
        Map.Entry<String, String> attached = inv.store().update(state -> {
            FlyApp app = state.app(appName);
            MpgCluster c = attachable(inv, state);
            sameOrg(app, c, " to attach");
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

    /** Deletes only the attachment record: the app keeps every secret (contract 2.26). */
    private static int detach(Invocation inv) {
        String appName = inv.args().app();
        String id = inv.store().update(state -> {
            FlyApp app = state.app(appName);
            MpgCluster c = attachable(inv, state);
            sameOrg(app, c, "");
            if (!c.attachments.remove(appName)) {
                throw new FlyError(
                        "failed to detach: attachment not found for app '" + appName + "' on cluster " + c.id);
            }
            return c.id;
        });
        inv.out().println();
        inv.out().println("Postgres cluster " + id + " has been detached from " + appName);
        inv.out()
            .println(
                    "Note: This only removes the attachment record. Any secrets (like DATABASE_URL) are still set on the app.");
        inv.out().println("Use 'fly secrets unset DATABASE_URL -a " + appName + "' to remove the connection string.");
        return 0;
    }

    private static void sameOrg(FlyApp app, MpgCluster c, String ending) {
        if (!app.org.equals(c.org)) {
            throw new FlyError("app " + app.name + " is in organization " + app.org + ", but cluster " + c.id
                    + " is in organization " + c.org + ". They must be in the same organization" + ending);
        }
    }

    private static int destroy(Invocation inv) {
        MpgCluster c = MpgCommands.cluster(inv, inv.store().read());
        if (!inv.args().yes()) {
            inv.err()
                .println("Destroying a managed Postgres cluster is not reversible. All data will be permanently lost.");
            throw new FlyError(inv.contract().message("yesDashes"));
        }
        MpgProvisioner.destroy(inv.home(), inv.postgres(), c);
        inv.store().update(state -> state.clusters.remove(c.id));
        inv.out()
            .println("Managed Postgres cluster " + c.name + " (" + c.id
                    + ") scheduled to be destroyed (may take some time)");
        return 0;
    }

    private static int parsePort(String word) {
        try {
            return Integer.parseInt(word.trim());
        }
        catch (NumberFormatException e) {
            throw new FlyError("the flyctl emulator proxies to TCP ports only, not to a Unix socket (" + word + ")");
        }
    }

}
