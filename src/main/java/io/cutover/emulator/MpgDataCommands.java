package io.cutover.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code mpg backup create|list}, {@code mpg restore}, {@code mpg users create|list}, {@code mpg databases create|list}. */
final class MpgDataCommands {

    private MpgDataCommands() {}

    static int run(Invocation inv) {
        String sub = inv.args().wordOr(1, "");
        if (sub.equals("restore")) {
            return restore(inv);
        }
        String action = inv.args().wordOr(2, "");
        String key = (sub.equals("backups") ? "backup" : sub) + " " + (action.equals("ls") ? "list" : action);
        return switch (key) {
            case "backup create" -> backupCreate(inv);
            case "backup list" -> backupList(inv);
            case "users create" -> usersCreate(inv);
            case "users list" -> usersList(inv);
            case "databases create" -> databasesCreate(inv);
            case "databases list" -> databasesList(inv);
            default -> throw new FlyError("unknown command \"" + action + "\" for \"flyctl mpg " + sub + "\"");
        };
    }

    /** A real {@code pg_dump -Fc} of the cluster's database, taken as the platform (the admin role). */
    private static int backupCreate(Invocation inv) {
        MpgCluster c = MpgCommands.cluster(inv, inv.store().read(), 3);
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
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        backup.file = file.toString();
        backup.status = "completed";
        inv.store().update(state -> state.cluster(c.id).backups.add(backup));
        inv.out().println("Backup queued successfully!");
        inv.out().println("  ID: " + backup.id);
        return 0;
    }

    private static int backupList(Invocation inv) {
        MpgCluster c = MpgCommands.cluster(inv, inv.store().read(), 3);
        if (c.backups.isEmpty()) {
            inv.out().println("No backups found for cluster " + c.id);
            return 0;
        }
        if (inv.args().json()) {
            inv.out().println(StateStore.JSON.writeValueAsString(c.backups.stream().map(b -> {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("id", b.id);
                json.put("start", b.createdAt);
                json.put("status", b.status);
                json.put("type", b.type);
                json.put("size_bytes", b.sizeBytes);
                return json;
            }).toList()));
            return 0;
        }
        TextTable table = new TextTable("ID", "Start", "Status", "Type");
        c.backups.forEach(b -> table.row(b.id, b.createdAt, b.status, b.type));
        table.print(inv.out());
        return 0;
    }

    /** Really restores the backup over the cluster's database, dropping what it replaces. */
    private static int restore(Invocation inv) {
        MpgCluster c = MpgCommands.cluster(inv, inv.store().read(), 2);
        String backupId = inv.args().flag("backup-id").orElseThrow(() -> new FlyError("--backup-id is required"));
        MpgCluster.Backup backup = c.backups.stream().filter(b -> b.id.equals(backupId)).findFirst()
                .orElseThrow(() -> new FlyError("failed to restore backup: backup " + backupId + " not found for cluster " + c.id));
        inv.out().println("Restoring cluster " + c.id + " from backup " + backupId + "...");
        PostgresTools.restore(inv.postgres().admin().withDatabase(c.database), Path.of(backup.file));
        inv.out().println("Restore initiated successfully!");
        inv.out().println("  Cluster ID: " + c.id);
        inv.out().println("  Cluster Name: " + c.name);
        return 0;
    }

    private static int usersCreate(Invocation inv) {
        String username = inv.args().flag("username").filter(u -> !u.isBlank())
                .orElseThrow(() -> new FlyError("--username is required when not running interactively"));
        String role = inv.args().flag("role").filter(r -> !r.isBlank())
                .orElseThrow(() -> new FlyError("--role is required when not running interactively (schema_admin, writer or reader)"));
        inv.out().println("Creating user " + username + " with role " + role + "...");
        MpgCluster.ClusterUser user = inv.store().update(state -> {
            MpgCluster c = MpgCommands.cluster(inv, state, 3);
            return MpgProvisioner.createUser(inv.home(), inv.postgres(), c, username, role);
        });
        inv.out().println("User created successfully!");
        inv.out().println("  Username: " + user.name);
        inv.out().println("  Role: " + user.role);
        inv.out().println("  Password: " + user.password);
        inv.out().println("Save the password now: it is not shown again.");
        return 0;
    }

    private static int usersList(Invocation inv) {
        MpgCluster c = MpgCommands.cluster(inv, inv.store().read(), 3);
        TextTable table = new TextTable("Name", "Role");
        table.row(c.user, "schema_admin");
        c.extraUsers.forEach(u -> table.row(u.name, u.role));
        table.print(inv.out());
        return 0;
    }

    private static int databasesCreate(Invocation inv) {
        String name = inv.args().flag("name").filter(n -> !n.isBlank())
                .orElseThrow(() -> new FlyError("--name is required when not running interactively"));
        inv.out().println("Creating database " + name + "...");
        inv.store().update(state -> {
            MpgProvisioner.createDatabase(inv.home(), inv.postgres(), MpgCommands.cluster(inv, state, 3), name);
            return null;
        });
        inv.out().println("Database created successfully!");
        return 0;
    }

    private static int databasesList(Invocation inv) {
        MpgCluster c = MpgCommands.cluster(inv, inv.store().read(), 3);
        TextTable table = new TextTable("Name");
        c.allDatabases().forEach(table::row);
        table.print(inv.out());
        return 0;
    }
}
