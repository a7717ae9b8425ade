package io.cutover.emulator;

import java.net.ServerSocket;

/**
 * {@code proxy <local>:<remote> --app X}: a Flex app's Postgres (5432, or 5433 straight
 * to the server) is the local server that holds its database; blocks until the process is
 * killed.
 */
final class ProxyCommand {

    private ProxyCommand() {
    }

    static int run(Invocation inv) {
        String ports = inv.args().wordOr(1, "");
        String[] parts = ports.split(":");
        int local = port(parts[0]);
        int remote = parts.length > 1 ? port(parts[1]) : local;
        FlyApp app = inv.store().read().app(inv.args().app());
        if (!app.flex() || (remote != 5432 && remote != 5433)) {
            throw new FlyError("the emulator proxies only to a Postgres Flex app's port 5432 or 5433, not " + app.name
                    + ":" + remote);
        }
        if (app.startedCount() == 0) {
            throw new FlyError("app " + app.name + " has no started VMs.");
        }
        TcpForwarder forwarder = new TcpForwarder(local, inv.postgres().serverHost(), inv.postgres().serverPort());
        ServerSocket socket = forwarder.bind();
        inv.out().println("Proxying localhost:" + local + " to remote [" + app.name + ".internal]:" + remote);
        inv.out().flush();
        forwarder.serve(socket);
        return 0;
    }

    private static int port(String word) {
        try {
            return Integer.parseInt(word);
        }
        catch (NumberFormatException e) {
            throw new FlyError("invalid port \"" + word + "\"");
        }
    }

}
