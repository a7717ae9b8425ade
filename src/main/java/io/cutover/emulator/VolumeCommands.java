package io.cutover.emulator;

import io.cutover.emulator.FlyApp.Snapshot;
import io.cutover.emulator.FlyApp.Volume;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code volumes list} and {@code volumes snapshots create|list}: a snapshot is a real
 * dump of the Flex database.
 */
final class VolumeCommands {

    private VolumeCommands() {
    }

    static int run(Invocation inv) {
        return switch (inv.args().wordOr(1, "") + " " + inv.args().wordOr(2, "")) {
            case "snapshots create" -> createSnapshot(inv);
            case "snapshots list" -> listSnapshots(inv);
            default -> list(inv);
        };
    }

    private static int list(Invocation inv) {
        FlyApp app = inv.store().read().app(inv.args().app());
        if (inv.args().json()) {
            inv.out()
                .println(StateStore.JSON.writeValueAsString(app.volumes.stream()
                    .map(v -> Map.of("id", v.id, "name", v.name, "state", "created", "size_gb", v.sizeGb, "region",
                            v.region, "encrypted", true, "attached_machine_id",
                            v.attachedMachine == null ? "" : v.attachedMachine, "created_at", v.createdAt))
                    .toList()));
            return 0;
        }
        TextTable table = new TextTable("ID", "State", "Name", "Size", "Region", "Zone", "Encrypted", "Attached VM",
                "Created At");
        for (Volume v : app.volumes) {
            table.row(v.id, "created", v.name, v.sizeGb + "GB", v.region, "a1b2", "true",
                    v.attachedMachine == null ? "" : v.attachedMachine, Ids.ago(v.createdAt));
        }
        table.print(inv.out());
        return 0;
    }

    private static int createSnapshot(Invocation inv) {
        String volumeId = inv.required("the volume id");
        String appName = inv.args().app();
        FlyApp app = inv.store().read().app(appName);
        volume(app, volumeId);
        Snapshot snapshot = new Snapshot();
        snapshot.id = Ids.snapshot();
        snapshot.createdAt = Ids.now();

        Path file = inv.home().resolve("snapshots").resolve(snapshot.id + ".dump");
        try {
            PostgresTools.privateDirectory(file.getParent());
            if (app.flex() && app.postgres != null) {
                // What the volume holds is the Flex database, so that is what the
                // snapshot captures.
                PostgresTools.dump(inv.postgres().admin().withDatabase(app.postgres.database), file);
            }
            else {
                Files.write(file, new byte[0]);
            }
            snapshot.sizeBytes = Files.size(file);
            // Only scheduled: Fly takes the snapshot in the background (contract 2.17).
            snapshot.readyAt = Ids.later(inv.queueSeconds());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        snapshot.file = file.toString();
        inv.store().update(state -> volume(state.app(appName), volumeId).snapshots.add(snapshot));
        inv.out().println("Scheduled to snapshot volume " + volumeId);
        return 0;
    }

    /**
     * Oldest first; JSON even when empty; "none" as text goes to stderr with exit 0
     * (contract 2.17).
     */
    private static int listSnapshots(Invocation inv) {
        String volumeId = inv.required("the volume id");
        Volume volume = volume(inv.store().read().app(inv.args().app()), volumeId);
        if (inv.args().json()) {
            inv.out().println(StateStore.JSON.writeValueAsString(volume.snapshots.stream().map(s -> {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("id", s.ready() ? s.id : "");
                json.put("size", s.ready() ? s.sizeBytes : 0);
                json.put("volume_size", volume.sizeGb * 1073741824L);
                json.put("digest", s.ready() ? SecretCommands.digest(s.id) : "");
                json.put("created_at", s.createdAt);
                json.put("status", s.ready() ? "created" : "pending");
                json.put("retention_days", 5);
                return json;
            }).toList()));
            return 0;
        }
        if (volume.snapshots.isEmpty()) {
            inv.err().println(inv.contract().message("noSnapshots", volumeId));
            return 0;
        }
        inv.out().println("Snapshots");
        TextTable table = new TextTable("ID", "Status", "Stored Size", "Vol Size", "Created At", "Retention Days");
        long stored = 0;
        for (Snapshot s : volume.snapshots) {
            table.row(s.ready() ? s.id : "(pending)", s.ready() ? "created" : "pending",
                    s.ready() ? s.sizeBytes + " B" : "", volume.sizeGb + " GiB", Ids.ago(s.createdAt), 5);
            stored += s.ready() ? s.sizeBytes : 0;
        }
        table.print(inv.out());
        inv.out().println();
        inv.out().println("Total stored size: " + stored + " B");
        return 0;
    }

    private static Volume volume(FlyApp app, String volumeId) {
        return app.volumes.stream()
            .filter(v -> v.id.equals(volumeId))
            .findFirst()
            .orElseThrow(() -> new FlyError(
                    "failed retrieving volume " + volumeId + ": volume not found in app " + app.name));
    }

}
