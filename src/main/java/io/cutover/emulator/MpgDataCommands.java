package io.cutover.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code mpg backup create|list}, {@code mpg restore}, {@code mpg users create|list},
 * {@code mpg databases create|list}.
 */
final class MpgDataCommands {

    private MpgDataCommands() {
    }

    static int run(Invocation inv) {
        String sub = inv.args().wordOr(1, "");
        if (sub.equals("restore")) {
            return restore(inv);
        }
        return switch (sub + " " + inv.args().wordOr(2, "")) {
            case "backup create" -> backupCreate(inv);
            case "backup list" -> backupList(inv);
            case "users create" -> usersCreate(inv);
            case "users list" -> usersList(inv);
            case "databases create" -> databasesCreate(inv);
            default -> databasesList(inv);
        };
    }

    /**
     * Queues a backup: flyctl prints no id and does not wait (contract 2.27). The data is
     * a real {@code pg_dump -Fc} taken now; the backup shows as completed only once its
     * queue time has passed.
     */
    private static int backupCreate(Invocation inv) {
        MpgCluster c = MpgCommands.cluster(inv, inv.store().read());
        String type = inv.args().flag("type").orElse("full");
        if (!type.equals("full") && !type.equals("incr")) {
            throw new FlyError("--type must be either 'full' or 'incr'");
        }
        inv.out().println("Creating " + type + " backup for cluster " + c.id + "...");
        MpgCluster.Backup backup = new MpgCluster.Backup();
        backup.id = Ids.backup();
        backup.type = type;
        backup.createdAt = Ids.now();
        Path file = inv.home().resolve("backups").resolve(c.id).resolve(backup.id + ".dump");
        try {
            PostgresTools.privateDirectory(file.getParent());
            PostgresTools.dump(inv.postgres().admin().withDatabase(c.database), file);
            backup.sizeBytes = Files.size(file);
            backup.readyAt = Ids.later(inv.queueSeconds());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        backup.file = file.toString();
        inv.store().update(state -> state.cluster(c.id).backups.add(backup));
        inv.out().println("Backup queued successfully!");
        return 0;
    }

    /**
     * Only backups started in the last 24 hours unless {@code --all}; "none" is a line on
     * stdout, exit 0, even with --json.
     */
    private static int backupList(Invocation inv) {
        MpgCluster c = MpgCommands.cluster(inv, inv.store().read());
        if (c.backups.isEmpty()) {
            inv.out().println("No backups found for cluster " + c.id);
            return 0;
        }
        Instant since = Instant.now().minus(Duration.ofHours(24));
        List<MpgCluster.Backup> shown = c.backups.stream()
            .filter(b -> inv.args().has("all") || !Instant.parse(b.createdAt).isBefore(since))
            .toList();
        if (shown.isEmpty()) {
            inv.out()
                .println("No backups found for cluster " + c.id
                        + " in the last 24 hours (use --all to see all backups)");
            return 0;
        }
        if (inv.args().json()) {
            inv.out().println(StateStore.JSON.writeValueAsString(shown.stream().map(b -> {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("id", b.id);
                json.put("status", b.status());
                json.put("type", b.type);
                json.put("start", b.createdAt);
                json.put("stop", b.completed() ? b.readyAt : "");
                return json;
            }).toList()));
            return 0;
        }
        TextTable table = new TextTable("ID", "Start", "Status", "Type");
        shown.forEach(b -> table.row(b.id, b.createdAt, b.status(), b.type));
        table.print(inv.out());
        return 0;
    }

    /**
     * Restores into a new cluster with its own id, role, database and URLs; the source
     * stays as it is (contract 2.28).
     */
    private static int restore(Invocation inv) {
        MpgCluster source = MpgCommands.cluster(inv, inv.store().read());
        String backupId = inv.args().flag("backup-id").orElse(null);
        if (backupId != null && inv.args().flag("pitr-time").isPresent()) {
            throw new FlyError("--backup-id and --pitr-time are mutually exclusive");
        }
        if (backupId == null) {
            throw new FlyError(inv.args().flag("pitr-time").isPresent()
                    ? "the flyctl emulator keeps no WAL archive: restore from a --backup-id"
                    : "one of --backup-id or --pitr-time is required");
        }
        MpgCluster.Backup backup = source.backups.stream()
            .filter(b -> b.id.equals(backupId) && b.completed())
            .findFirst()
            .orElseThrow(() -> new FlyError(
                    "failed to restore cluster: backup " + backupId + " not found or not completed"));
        MpgCluster restored = new MpgCluster();
        restored.name = inv.args()
            .flag("name")
            .filter(n -> !n.isBlank())
            .orElse(source.name + "-restore-" + Ids.backup().substring(0, 6));
        restored.org = source.org;
        restored.region = source.region;
        restored.plan = source.plan;
        restored.volumeSizeGb = source.volumeSizeGb;
        restored.pgMajor = source.pgMajor;
        MpgProvisioner.create(inv.home(), inv.postgres(), restored);
        PostgresTools.restoreOwnedBy(inv.postgres().admin().withDatabase(restored.database), Path.of(backup.file),
                restored.user);
        inv.store().update(state -> state.clusters.put(restored.id, restored));
        inv.out().println("Restoring cluster " + source.id + " from backup " + backupId + "...");
        inv.out().println("Restore initiated successfully!");
        inv.out().println("  Cluster ID: " + restored.id);
        inv.out().println("  Cluster Name: " + restored.name);
        return 0;
    }

    /**
     * The cluster first, then username and role (contract 2.29); no password is printed.
     */
    private static int usersCreate(Invocation inv) {
        MpgCluster c = MpgCommands.cluster(inv, inv.store().read());
        String username = inv.args().required("username");
        String role = inv.args().required("role");
        if (!MpgProvisioner.ROLES.contains(role)) {
            throw new FlyError("invalid role \"" + role + "\". Must be one of: schema_admin, writer, reader");
        }
        inv.out().println("Creating user " + username + " with role " + role + " in cluster " + c.id + "...");
        MpgCluster.ClusterUser user = inv.store()
            .update(state -> MpgProvisioner.createUser(inv.home(), inv.postgres(), state.cluster(c.id), username,
                    role));
        inv.out().println("User created successfully!");
        inv.out().println("  Name: " + user.name);
        inv.out().println("  Role: " + user.role);
        return 0;
    }

    private static int usersList(Invocation inv) {
        MpgCluster c = MpgCommands.cluster(inv, inv.store().read());
        Map<String, String> users = new LinkedHashMap<>();
        users.put(c.user, "schema_admin");
        c.extraUsers.forEach(u -> users.put(u.name, u.role));
        if (inv.args().json()) {
            inv.out()
                .println(StateStore.JSON.writeValueAsString(
                        users.entrySet().stream().map(e -> Map.of("name", e.getKey(), "role", e.getValue())).toList()));
            return 0;
        }
        TextTable table = new TextTable("Name", "Role");
        users.forEach(table::row);
        table.print(inv.out());
        return 0;
    }

    private static int databasesCreate(Invocation inv) {
        MpgCluster c = MpgCommands.cluster(inv, inv.store().read());
        String name = inv.args().required("name");
        inv.out().println("Creating database " + name + " in cluster " + c.id + "...");
        inv.store().update(state -> {
            MpgProvisioner.createDatabase(inv.home(), inv.postgres(), state.cluster(c.id), name);
            return null;
        });
        inv.out().println("Database created successfully!");
        inv.out().println("  Name: " + name);
        return 0;
    }

    private static int databasesList(Invocation inv) {
        MpgCluster c = MpgCommands.cluster(inv, inv.store().read());
        if (inv.args().json()) {
            inv.out()
                .println(StateStore.JSON
                    .writeValueAsString(c.allDatabases().stream().map(d -> Map.of("name", d)).toList()));
            return 0;
        }
        TextTable table = new TextTable("Name");
        c.allDatabases().forEach(table::row);
        table.print(inv.out());
        return 0;
    }

}
