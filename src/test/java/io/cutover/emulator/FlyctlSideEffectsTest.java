package io.cutover.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cutover.emulator.EmulatorFixture.Result;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What flyctl's commands do, as the contract states it: scaling destroys and creates
 * machines, deploy needs something to deploy and runs the release command, snapshots are
 * queued, detach keeps the secrets, and a deploy token reaches its own app only.
 */
class FlyctlSideEffectsTest extends SeededEmulatorTest {

    @TempDir
    Path emptyDir;

    FlyctlSideEffectsTest() {
        super(2, 2);
    }

    @Test
    void machinesAreGoneAfterScaleZeroAndScaleUpMakesNewOnesOnlyInGroupApp() {
        List<String> before = app().startedMachines();

        fly.run("scale", "count", "0", "--app", seed.app(), "--yes");

        assertThat(fly.run("machine", "list", "--app", seed.app(), "--json").out()).isEqualTo("[]\n");
        Result up = fly.run("scale", "count", "2", "--app", seed.app(), "--yes");
        assertThat(up.exit()).as(up.err()).isZero();
        assertThat(app().startedMachines()).hasSize(2).doesNotContainAnyElementsOf(before);
        Result worker = fly.run("scale", "count", "1", "--process-group", "worker", "--app", seed.app(), "--yes");
        assertThat(worker.err())
            .isEqualTo("Error: Attempting to scale unknown process groups [worker] but valid names are [app].\n");
    }

    @Test
    void deployInADirectoryWithoutDockerfileOrImageFailsAndChangesNothing() {
        int releases = releases();

        Result deploy = fly.run("deploy", emptyDir.toString(), "--app", seed.app());

        assertThat(deploy.exit()).isEqualTo(1);
        assertThat(deploy.err()).endsWith(
                "Error: failed to fetch an image or build from source: app does not have a Dockerfile or buildpacks "
                        + "configured. See https://fly.io/docs/reference/configuration/#the-build-section\n");
        assertThat(releases()).isEqualTo(releases);
        assertThat(fly.run("deploy", "--app", seed.app(), "--image", "registry.fly.io/nothing:here").err()).endsWith(
                "Error: failed to fetch an image or build from source: could not find image \"registry.fly.io/nothing:here\"\n");
    }

    @Test
    void deployOfAnImageRunsTheReleaseCommandAgainstTheAppsSecretsAndLaunchesMachinesForAnEmptyGroup() {
        String image = fly.run("releases", "--app", seed.app(), "--json").group("\"ImageRef\": \"([^\"]+)\"");
        fly.run("scale", "count", "0", "--app", seed.app(), "--yes");

        Result withoutUrl = fly.run("deploy", "--app", seed.app(), "--image", image);
        assertThat(withoutUrl.exit()).as("the release command needs DIRECT_DATABASE_URL").isEqualTo(1);
        assertThat(withoutUrl.err())
            .contains("Error release_command failed running on machine", "DIRECT_DATABASE_URL is not set")
            .containsPattern(
                    "Error: release command failed - aborting deployment. machine \\w+ exited with non-zero status of 1\n$");
        assertThat(app().startedMachines()).isEmpty();

        fly.run("secrets", "set", "DIRECT_DATABASE_URL=" + seed.flexDatabaseUrl(), "--app", seed.app(), "--stage");
        Result deploy = fly.run("deploy", "--app", seed.app(), "--image", image, "--vm-size", "performance-2x");

        assertThat(deploy.exit()).as(deploy.err()).isZero();
        assertThat(deploy.err())
            .contains("Running " + seed.app()
                    + " release_command: /bin/sh -lc 'DATABASE_URL=$DIRECT_DATABASE_URL bin/migrate'")
            .containsPattern("✔ release_command \\w+ completed successfully");
        assertThat(fly.run("logs", "--app", seed.app(), "--no-tail").out())
            .contains("Migrations already up (" + seed.flexDatabase() + ")");
        assertThat(deploy.out()).contains("No machines in group app, launching a new machine");
        assertThat(app().startedMachines()).hasSize(2);
        assertThat(fly.run("scale", "show", "--app", seed.app(), "--json").out()).contains("\"Memory\": 4096");
        assertThat(app().runningSecrets()).containsEntry("DIRECT_DATABASE_URL", seed.flexDatabaseUrl());
    }

    @Test
    void aSnapshotIsQueuedThenListedAsCreated() {
        Result created = fly.run("volumes", "snapshots", "create", seed.flexVolumeId(), "-a", seed.flexApp());

        assertThat(created.out()).isEqualTo("Scheduled to snapshot volume " + seed.flexVolumeId() + "\n");
        assertThat(fly.run("volumes", "snapshots", "list", seed.flexVolumeId(), "-a", seed.flexApp(), "--json").out())
            .contains("\"id\": \"\"", "\"status\": \"pending\"");
        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(
                    fly.run("volumes", "snapshots", "list", seed.flexVolumeId(), "-a", seed.flexApp(), "--json").out())
                .containsPattern("\"id\": \"vs_\\w+\"")
                .contains("\"status\": \"created\""));
    }

    @Test
    void detachKeepsTheSecretsAndSaysSo() {
        String cluster = fly.run("mpg", "create", "--name", "c1", "--region", "ord", "--org", "personal")
            .group("  ID: (\\w+)");
        fly.run("secrets", "unset", "DATABASE_URL", "--app", seed.app(), "--stage");
        fly.run("mpg", "attach", cluster, "-a", seed.app());
        String url = app().secrets().get("DATABASE_URL");

        Result detached = fly.run("mpg", "detach", cluster, "-a", seed.app());
        Result again = fly.run("mpg", "detach", cluster, "-a", seed.app());

        assertThat(detached.out()).isEqualTo("\nPostgres cluster " + cluster + " has been detached from " + seed.app()
                + "\nNote: This only removes the attachment record. Any secrets (like DATABASE_URL) are still set on the app.\n"
                + "Use 'fly secrets unset DATABASE_URL -a " + seed.app() + "' to remove the connection string.\n");
        assertThat(app().secrets()).containsEntry("DATABASE_URL", url);
        assertThat(again.err()).isEqualTo("Error: failed to detach: attachment not found for app '" + seed.app()
                + "' on cluster " + cluster + "\n");
    }

    @Test
    void aDeployTokenReachesItsOwnAppOnlyAndNeitherTheOtherAppNorTheOrg() {
        Map<String, String> deployToken = new HashMap<>(fly.env);
        deployToken.put("FLY_API_TOKEN", EmulatedFly.issueToken(home, "personal", seed.app()));

        Result own = EmulatorFixture.run(deployToken, "", "status", "--app", seed.app());
        Result second = EmulatorFixture.run(deployToken, "", "status", "--app", seed.flexApp());
        Result snapshot = EmulatorFixture.run(deployToken, "", "volumes", "snapshots", "create", seed.flexVolumeId(),
                "-a", seed.flexApp());
        Result org = EmulatorFixture.run(deployToken, "", "mpg", "create", "--name", "c1", "--region", "ord", "--org",
                "personal");

        assertThat(own.exit()).isZero();
        assertThat(second.exit()).isEqualTo(1);
        assertThat(second.err()).isEqualTo("Error: failed to get app: Could not find App\n");
        assertThat(snapshot.err()).isEqualTo("Error: Could not find App\n");
        assertThat(org.err()).isEqualTo("Error: organization personal not found\n");
        assertThat(EmulatedFly.clusters(home)).isEmpty();
    }

    private int releases() {
        return StateStore.JSON.readTree(fly.run("releases", "--app", seed.app(), "--json").out()).size();
    }

    private EmulatedFly.AppView app() {
        return EmulatedFly.app(home, seed.app()).orElseThrow();
    }

}
