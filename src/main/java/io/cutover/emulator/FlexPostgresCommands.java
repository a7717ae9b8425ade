package io.cutover.emulator;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code postgres config show|db list|users list|connect|detach} on a Postgres Flex app.
 * Databases and users are read from the local server, where the Flex database really
 * lives.
 */
final class FlexPostgresCommands {

    private FlexPostgresCommands() {
    }

    static int run(Invocation inv) {
        return switch (inv.args().wordOr(1, "")) {
            case "config" -> configShow(inv);
            case "db" -> dbList(inv);
            case "users" -> usersList(inv);
            case "connect" -> connect(inv);
            default -> detach(inv);
        };
    }

    /**
     * Direct subcommands of {@code postgres} print this notice first, grandchildren do
     * not (contract 2.15).
     */
    private static void unmanagedNotice(Invocation inv) {
        inv.err().println();
        inv.err()
            .println(
                    "Unmanaged Fly Postgres is not supported by Fly.io Support and users are responsible for operations, management, and "
                            + "disaster recovery. If you'd like a managed, supported solution, try 'fly mpg' (Managed Postgres).");
        inv.err()
            .println("Please visit https://fly.io/docs/mpg/overview/ for more information about Managed Postgres.");
        inv.err().println();
    }

    /**
     * flyctl always prompts for the attachment to detach, so non-interactively it fails
     * before changing anything.
     */
    private static int detach(Invocation inv) {
        unmanagedNotice(inv);
        flex(inv);
        throw new FlyError(inv.contract().message("nonInteractive"));
    }

    /**
     * The Flex app's database; flyctl reaches it through a started machine, so one must
     * run.
     */
    private static FlyApp.FlexPostgres flex(Invocation inv) {
        FlyApp app = inv.store().read().app(inv.args().app());
        if (!app.flex() || app.postgres == null) {
            throw new FlyError("app " + app.name + " is not a Postgres app");
        }
        if (app.startedCount() == 0) {
            throw new FlyError("no active leader found");
        }
        return app.postgres;
    }

    /**
     * The emulated Flex machine's settings (shared-cpu-1x, 256MB), not the local
     * server's.
     */
    private static int configShow(Invocation inv) {
        flex(inv);
        TextTable table = new TextTable("Name", "Value", "Unit", "Description", "Pending Restart");
        table.row("log-min-duration-statement", "-1", "ms",
                "Sets the minimum execution time above which all statements will be logged.", "false");
        table.row("log-statement", "none", "", "Sets the type of statements logged.", "false");
        table.row("max-connections", "300", "", "Sets the maximum number of concurrent connections.", "false");
        table.row("shared-buffers", "64MB", "8kB", "Sets the number of shared memory buffers used by the server.",
                "false");
        table.row("shared-preload-libraries", "repmgr", "", "Lists shared libraries to preload into server.", "false");
        table.row("wal-level", "replica", "", "Sets the level of information written to the WAL.", "false");
        table.print(inv.out());
        return 0;
    }

    private static int dbList(Invocation inv) {
        FlyApp.FlexPostgres flex = flex(inv);
        LocalPostgres pg = inv.postgres();
        List<String> rows = pg.column(pg.admin().database(),
                "SELECT d.datname || '|' || pg_get_userbyid(d.datdba) FROM pg_database d WHERE d.datname IN ("
                        + LocalPostgres.literal(flex.database) + ", 'postgres') ORDER BY d.datname");
        TextTable table = new TextTable("Name", "Users");
        for (String row : rows) {
            String[] parts = row.split("\\|", 2);
            table.row(parts[0], parts[1].equals("postgres") ? "postgres" : parts[1] + ", postgres");
        }
        table.print(inv.out());
        return 0;
    }

    private static int usersList(Invocation inv) {
        FlyApp.FlexPostgres flex = flex(inv);
        LocalPostgres pg = inv.postgres();
        List<String> rows = pg.column(pg.admin().database(),
                "SELECT r.rolname || '|' || r.rolsuper::text || '|' || coalesce((SELECT string_agg(d.datname, ', ' ORDER BY d.datname) "
                        + "FROM pg_database d WHERE d.datdba = r.oid AND d.datname IN ("
                        + LocalPostgres.literal(flex.database)
                        + ", 'postgres')), '') FROM pg_roles r WHERE r.rolcanlogin AND (r.rolname = 'postgres' OR r.oid = "
                        + "(SELECT datdba FROM pg_database WHERE datname = " + LocalPostgres.literal(flex.database)
                        + ")) ORDER BY r.rolname");
        TextTable table = new TextTable("Name", "Superuser", "Databases");
        for (String row : rows) {
            String[] parts = row.split("\\|", 3);
            List<String> databases = new ArrayList<>(parts[2].isEmpty() ? List.of() : List.of(parts[2].split(", ")));
            if (parts[0].equals("postgres") && !databases.contains(flex.database)) {
                databases.add(flex.database);
            }
            table.row(parts[0], parts[1].equals("true"), String.join(", ", databases));
        }
        table.print(inv.out());
        return 0;
    }

    /** psql as the superuser, as {@code fly postgres connect} does inside the machine. */
    private static int connect(Invocation inv) {
        unmanagedNotice(inv);
        FlyApp.FlexPostgres flex = flex(inv);
        String database = inv.args().flag("database").orElse(flex.database);
        return PostgresTools.psql(inv.postgres().admin().withDatabase(database), inv.in(), inv.out(), inv.err());
    }

}
