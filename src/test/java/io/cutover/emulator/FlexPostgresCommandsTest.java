package io.cutover.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.emulator.EmulatorFixture.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FlexPostgresCommandsTest extends SeededEmulatorTest {

    FlexPostgresCommandsTest() {
        super(5, 1);
    }

    @Test
    void inventoryCommandsReadTheRealDatabase() {
        Result config = fly.run("postgres", "config", "show", "--app", seed.flexApp());
        Result databases = fly.run("postgres", "db", "list", "--app", seed.flexApp());
        Result users = fly.run("postgres", "users", "list", "--app", seed.flexApp());
        Result notPostgres = fly.run("postgres", "db", "list", "--app", seed.app());

        assertThat(config.out()).containsPattern("max-connections\\s+300").containsPattern("wal-level\\s+replica");
        assertThat(databases.out()).containsPattern("(?m)^" + seed.flexDatabase() + "\\s+postgres$")
            .containsPattern("(?m)^postgres\\s+postgres$");
        assertThat(users.out()).containsPattern("(?m)^postgres\\s+true\\s+.*" + seed.flexDatabase());
        assertThat(notPostgres.exit()).isEqualTo(1);
        assertThat(notPostgres.err()).contains("is not a Postgres app");
    }

    @Test
    void connectRunsPsqlOnTheFlexDatabase() {
        Result psql = fly.runWithInput("SELECT current_database(), count(*) FROM users;\n", "postgres", "connect",
                "--app", seed.flexApp(), "--database", seed.flexDatabase());

        assertThat(psql.exit()).isZero();
        assertThat(psql.out()).containsPattern(seed.flexDatabase() + "\\s+\\|\\s+5");
    }

    @Test
    void detachFailsNonInteractivelyAndChangesNothing() {
        Result detach = fly.run("postgres", "detach", "--app", seed.flexApp(), seed.app());

        assertThat(detach.exit()).isEqualTo(1);
        assertThat(detach.err()).startsWith("\nUnmanaged Fly Postgres is not supported")
            .endsWith("\nError: prompt: non interactive\n");
        assertThat(EmulatedFly.app(home, seed.app()).orElseThrow().secrets()).containsEntry("DATABASE_URL",
                seed.flexDatabaseUrl());
        assertThat(fly.run("status", "--app", seed.flexApp()).exit()).isZero();
    }

    @Test
    void volumeSnapshotIsARealDumpOfTheFlexDatabase() throws Exception {
        Result created = fly.run("volumes", "snapshots", "create", seed.flexVolumeId(), "--app", seed.flexApp());
        Result pending = fly.run("volumes", "snapshots", "list", seed.flexVolumeId(), "--app", seed.flexApp());
        assertThat(pending.out()).contains("(pending)\tpending");
        Result listed = org.awaitility.Awaitility.await()
            .atMost(java.time.Duration.ofSeconds(10))
            .until(() -> fly.run("volumes", "snapshots", "list", seed.flexVolumeId(), "--app", seed.flexApp()),
                    r -> r.out().contains("created"));

        assertThat(created.exit()).isZero();
        assertThat(created.out()).isEqualTo("Scheduled to snapshot volume " + seed.flexVolumeId() + "\n");
        String snapshotId = listed.group("(?m)^(vs_\\w+)\\s+created");
        Path dump = home.resolve("snapshots").resolve(snapshotId + ".dump");
        assertThat(listed.out()).containsPattern(snapshotId + "\\s+created\\s+" + Files.size(dump) + "\\s");
        Process list = new ProcessBuilder("pg_restore", "--list", dump.toString()).redirectErrorStream(true).start();
        String toc = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(list.waitFor()).isZero();
        assertThat(toc).contains("TABLE DATA public users");
    }

    @Test
    void aStoppedFlexAppCannotBeReached() {
        fly.run("scale", "count", "0", "--app", seed.flexApp(), "--yes");

        Result databases = fly.run("postgres", "db", "list", "--app", seed.flexApp());
        Result proxy = fly.run("proxy", "15432:5432", "--app", seed.flexApp());

        assertThat(databases.exit()).isEqualTo(1);
        assertThat(databases.err()).isEqualTo("Error: no active leader found\n");
        assertThat(proxy.exit()).isEqualTo(1);
        assertThat(proxy.err()).isEqualTo("Error: app " + seed.flexApp() + " has no started VMs.\n");
    }

    @Test
    void snapshotOfAnUnknownVolumeFails() {
        Result result = fly.run("volumes", "snapshots", "create", "vol_nothere", "--app", seed.flexApp());

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("vol_nothere");
    }

    @Test
    void destroyingTheFlexAppDropsItsDatabase() throws Exception {
        Result refused = fly.run("apps", "destroy", seed.flexApp());
        String query = "SELECT 1 FROM pg_database WHERE datname = '" + seed.flexDatabase() + "'";
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(EmulatorFixture.exists(query)).isTrue();

        Result destroyed = fly.run("apps", "destroy", seed.flexApp(), "--yes");

        assertThat(destroyed.exit()).isZero();
        assertThat(destroyed.out()).isEqualTo("Destroyed app " + seed.flexApp() + "\n");
        assertThat(EmulatorFixture.exists(query)).isFalse();
        assertThat(fly.run("status", "--app", seed.flexApp()).err())
            .isEqualTo("Error: failed to get app: Could not find App\n");
        assertThat(fly.run("status", "--app", seed.app()).exit()).isZero();
    }

}
