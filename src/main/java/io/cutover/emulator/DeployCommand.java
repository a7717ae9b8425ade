package io.cutover.emulator;

import io.cutover.emulator.FlyApp.Machine;
import io.cutover.emulator.FlyApp.Release;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code deploy} and {@code releases} (contract 2.3, 2.13). The config is the app's
 * current release config (there is no fly.toml here); the image is {@code --image}, else
 * a build from the working directory, which needs a Dockerfile. The release command runs
 * first, in a temporary machine with the new image and the app's secrets as stored
 * (staged ones included); groups without machines get new ones.
 */
final class DeployCommand {

    private DeployCommand() {
    }

    static int run(Invocation inv) {
        String appName = inv.args().app();
        Path workdir = Path.of(inv.args().argument().orElse(".")).toAbsolutePath();
        return inv.store().update(state -> {
            FlyApp app = state.app(appName);
            inv.err().println("==> Verifying app config");
            inv.err().println("--> Verified app config");
            String image = image(inv, app, workdir);
            inv.out().println();
            inv.out().println("Watch your deployment at https://fly.io/apps/" + app.name + "/monitoring");
            inv.out().println();
            if (app.config.releaseCommand != null && !inv.args().has("skip-release-command")) {
                releaseCommand(inv, app);
            }
            Release release = AppLifecycle.release(app, "Deploy image");
            release.imageRef = image;
            app.log(null, "Release v" + release.version + " created");
            launchMissing(inv, app);
            AppLifecycle.rollingUpdate(app, inv.out());
            inv.out().println();
            inv.out().println("Visit your newly deployed app at https://" + app.name + ".fly.dev/");
            return 0;
        });
    }

    /**
     * A pre-built reference must exist in the registry (a release's image); building
     * needs a Dockerfile.
     */
    private static String image(Invocation inv, FlyApp app, Path workdir) {
        String reference = inv.args().flag("image").orElse(null);
        if (reference == null) {
            if (!Files.exists(workdir.resolve("Dockerfile"))) {
                throw new FlyError(inv.contract().message("noDockerfile"));
            }
            throw new FlyError(
                    "the flyctl emulator builds no images: deploy a release's image with --image (see fly releases --json)");
        }
        inv.err().println("Searching for image '" + reference + "' remotely...");
        if (app.releases.stream().noneMatch(r -> reference.equals(r.imageRef))) {
            throw new FlyError(inv.contract().message("imageNotFound", reference));
        }
        inv.err().println("image found: " + reference);
        return reference;
    }

    /**
     * The emulated app's release command is its migrator: it reads the URL the command
     * names ({@code $DIRECT_DATABASE_URL} or {@code $DATABASE_URL}) from the app's
     * secrets and takes the advisory lock Ecto's migrator takes, which is what fails
     * through a transaction pooler.
     */
    private static void releaseCommand(Invocation inv, FlyApp app) {
        String command = app.config.releaseCommand;
        String machine = Ids.machine();
        inv.err().println("Running " + app.name + " release_command: " + command);
        String variable = command.contains("$DIRECT_DATABASE_URL") ? "DIRECT_DATABASE_URL" : "DATABASE_URL";
        String url = app.secrets.get(variable);
        String failure = url == null ? variable + " is not set" : migrate(url);
        if (failure != null) {
            inv.err().println("Error release_command failed running on machine " + machine + " with exit code 1.");
            inv.err().println("  ** (RuntimeError) " + failure);
            throw new FlyError("release command failed - aborting deployment. machine " + machine
                    + " exited with non-zero status of 1");
        }
        app.log(null,
                "release_command " + machine + ": Migrations already up (" + PostgresUrl.parse(url).database() + ")");
        inv.err().println("✔ release_command " + machine + " completed successfully");
    }

    private static String migrate(String url) {
        try {
            PostgresUrl target = PostgresUrl.parse(url);
            try (Connection c = DriverManager.getConnection(target.jdbcUrl(), target.jdbcProperties());
                    Statement st = c.createStatement()) {
                try (ResultSet lock = st.executeQuery("SELECT pg_try_advisory_lock(5887940537704921958)")) {
                    lock.next();
                    if (!lock.getBoolean(1)) {
                        return "could not obtain advisory lock";
                    }
                }
                st.execute("SELECT pg_advisory_unlock(5887940537704921958)");
                return null;
            }
        }
        catch (SQLException | FlyError e) {
            return e.getMessage();
        }
    }

    /**
     * Process groups of the config without machines get new ones: two with services
     * (--ha), else one.
     */
    private static void launchMissing(Invocation inv, FlyApp app) {
        if (inv.args().has("update-only")) {
            return;
        }
        boolean ha = !inv.args().flag("ha").orElse("true").equalsIgnoreCase("false");
        boolean wasRunning = app.startedCount() > 0;
        app.config.processGroups.forEach((group, services) -> {
            if (!app.group(group).isEmpty()) {
                return;
            }
            inv.out().println("No machines in group " + group + ", launching a new machine");
            int count = services && ha ? 2 : 1;
            String size = app.config.vmSize != null ? app.config.vmSize
                    : inv.args().flag("vm-size").orElse(ScaleCommands.DEFAULT_SIZE);
            String region = inv.args().flag("primary-region").orElse(app.primaryRegion());
            if (!wasRunning) {
                AppLifecycle.applySecrets(app);
            }
            for (int i = 0; i < count; i++) {
                Machine machine = new Machine(Ids.machine(), Machine.STOPPED, region, size, app.currentVersion());
                machine.group = group;
                machine.image = app.latestImage();
                app.machines.add(machine);
                AppLifecycle.start(app, machine);
            }
            if (count == 2) {
                inv.out().println("Creating a second machine for high availability and zero downtime deployments.");
                inv.out().println("To disable this, set \"min_machines_running = 0\" in your fly.toml.");
            }
        });
        app.desiredCount = app.machines.size();
        inv.err().println("Finished launching new machines");
    }

    static int releases(Invocation inv) {
        FlyApp app = inv.store().read().app(inv.args().app());
        List<Release> newest = new java.util.ArrayList<>(app.releases);
        java.util.Collections.reverse(newest);
        newest = newest.stream().limit(25).toList();
        if (inv.args().json()) {
            inv.out().println(StateStore.JSON.writeValueAsString(newest.stream().map(r -> {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("ID", "rel_" + app.name + "_" + r.version);
                json.put("Version", r.version);
                json.put("Stable", true);
                json.put("InProgress", false);
                json.put("Reason", "");
                json.put("Description", r.description);
                json.put("Status", r.status);
                json.put("DeploymentStrategy", "ROLLING");
                json.put("Metadata", null);
                json.put("User",
                        Map.of("ID", "", "Name", "", "Email", "sandbox@example.com", "EnablePaidHobby", false));
                json.put("EvaluationID", "");
                json.put("CreatedAt", r.time);
                json.put("ImageRef", r.imageRef == null ? "" : r.imageRef);
                return json;
            }).toList()));
            return 0;
        }
        TextTable table = new TextTable("Version", "Status", "Description", "User", "Date");
        newest
            .forEach(r -> table.row("v" + r.version, r.status, r.description, "sandbox@example.com", Ids.ago(r.time)));
        table.print(inv.out());
        return 0;
    }

}
