package io.cutover.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.emulator.EmulatorFixture.Result;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlyctlAppCommandsTest extends SeededEmulatorTest {

    FlyctlAppCommandsTest() {
        super(3, 2);
    }

    @Test
    void refusesToRunWithoutTokenLikeFlyctl() {
        Map<String, String> env = new HashMap<>(fly.env);
        env.remove("FLY_API_TOKEN");
        var err = new java.io.ByteArrayOutputStream();
        int exit = FlyctlEmulator.run(new String[] { "status", "--app", seed.app() }, env,
                java.io.InputStream.nullInputStream(), new java.io.PrintStream(new java.io.ByteArrayOutputStream()),
                new java.io.PrintStream(err, true));

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString())
            .isEqualTo("Error: no access token available. Please login with 'flyctl auth login'\n");
    }

    @Test
    void reportsUnknownCommandsAndAppsInFlyctlWords() {
        Result unknownCommand = fly.run("launchpad", "--app", seed.app());
        Result unknownApp = fly.run("status", "-a", "no-such-app");

        assertThat(unknownCommand.exit()).isEqualTo(1);
        assertThat(unknownCommand.err()).isEqualTo("Error: unknown command \"launchpad\" for \"flyctl\"\n");
        assertThat(unknownCommand.out()).isEqualTo("Run 'flyctl --help' for usage.\n");
        assertThat(unknownApp.exit()).isEqualTo(1);
        assertThat(unknownApp.err()).isEqualTo("Error: failed to get app: Could not find App\n");
    }

    @Test
    void seededAppsShowInStatusMachineListAndVolumes() {
        Result status = fly.run("status", "--app", seed.flexApp());
        Result machines = fly.run("machine", "list", "--app", seed.flexApp());
        Result volumes = fly.run("volumes", "list", "-a", seed.flexApp());
        Result appStatus = fly.run("status", "--app", seed.app());

        assertThat(status.exit()).isZero();
        assertThat(status.out()).contains("Hostname = " + seed.flexApp() + ".fly.dev")
            .containsPattern("app\\s+" + seed.flexMachineId() + "\\s+1\\s+ord\\s+started");
        assertThat(machines.out()).containsPattern(seed.flexMachineId() + "\\s+\\S+\\s+started")
            .contains(seed.flexVolumeId());
        assertThat(volumes.out()).containsPattern(seed.flexVolumeId() + "\\s+created\\s+pg_data\\s+1GB\\s+ord");
        assertThat(appStatus.out().lines().filter(l -> l.matches("app\\s+\\w{14}\\s+.*started.*"))).hasSize(2);
    }

    @Test
    void scalingToZeroDestroysMachinesAndScalingUpCreatesNewOnesInThePrimaryRegionWithTheDefaultSize() {
        fly.run("secrets", "set", "FEATURE=on", "--app", seed.app(), "--stage");
        java.util.List<String> before = appView().startedMachines();

        Result refused = fly.run("scale", "count", "0", "--app", seed.app());
        Result down = fly.run("scale", "count", "0", "--app", seed.app(), "--yes");

        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo("Error: --yes flag must be specified when not running interactively\n");
        assertThat(down.exit()).isZero();
        assertThat(down.out()).contains("  -2 machines for group 'app' on region 'ord' of size 'performance-2x'")
            .contains("  Destroyed " + before.get(0) + " group:app region:ord size:performance-2x");
        assertThat(fly.run("machine", "list", "--app", seed.app()).out())
            .isEqualTo("No machines are available on this app " + seed.app() + "\n");
        assertThat(fly.run("status", "--app", seed.app()).out()).doesNotContain("Machines")
            .contains("Name     = " + seed.app());

        Result up = fly.run("scale", "count", "3", "--app", seed.app(), "-y");

        assertThat(up.exit()).isZero();
        assertThat(up.out()).contains("  +3 machines for group 'app' on region 'ord' of size 'shared-cpu-1x'");
        assertThat(appView().startedMachines()).hasSize(3).doesNotContainAnyElementsOf(before);
        assertThat(fly.run("scale", "show", "--app", seed.app(), "--json").out()).contains("\"Memory\": 256");
        assertThat(appView().runningSecrets()).containsEntry("FEATURE", "on");
    }

    @Test
    void secretsSetWithoutStageRestartsRunningMachinesAndNeverPrintsValues() throws Exception {
        Result set = fly.run("secrets", "set", "API_KEY=s3cr3t-value", "OTHER=x", "--app", seed.app());
        Result list = fly.run("secrets", "list", "--app", seed.app());

        assertThat(set.exit()).isZero();
        assertThat(set.out()).contains("Updating existing machines").contains("[2/2]");
        assertThat(appView().runningSecrets()).containsEntry("API_KEY", "s3cr3t-value");
        String digest = java.util.HexFormat.of()
            .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest("s3cr3t-value".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
            .substring(0, 16);
        assertThat(list.out()).containsPattern("API_KEY\\s+" + digest + "\\s+.*Deployed")
            .doesNotContain("s3cr3t-value")
            .doesNotContain(seed.flexDatabaseUrl());
        assertThat(fly.run("status", "--app", seed.app()).out())
            .containsPattern("app\\s+\\w{14}\\s+2\\s+ord\\s+started");
    }

    @Test
    void stagedSecretChangesReachMachinesOnlyAtTheNextDeploy() {
        fly.run("secrets", "unset", "DATABASE_URL", "--app", seed.app(), "--stage");
        Result imported = fly.runWithInput("# moved\nDATABASE_URL=\"postgres://elsewhere/db\"\nDIRECT_DATABASE_URL="
                + seed.flexDatabaseUrl() + "\n", "secrets", "import", "--app", seed.app(), "--stage");
        Result staged = fly.run("secrets", "list", "--app", seed.app(), "--json");

        assertThat(imported.out()).contains("Secrets have been staged, but not set on VMs");
        assertThat(staged.out()).contains("\"status\": \"Staged\"").doesNotContain("\"status\": \"Deployed\"");
        assertThat(appView().secrets()).containsEntry("DATABASE_URL", "postgres://elsewhere/db");
        assertThat(appView().runningSecrets()).containsEntry("DATABASE_URL", seed.flexDatabaseUrl())
            .doesNotContainKey("DIRECT_DATABASE_URL");
        assertThat(fly.run("ssh", "console", "--app", seed.app(), "-C", "printenv DATABASE_URL").out())
            .isEqualTo(seed.flexDatabaseUrl() + "\n");

        Result deploy = fly.run("deploy", "--app", seed.app(), "--image",
                fly.run("releases", "--app", seed.app(), "--json").group("\"ImageRef\": \"([^\"]+)\""));

        assertThat(deploy.exit()).isZero();
        assertThat(deploy.out()).contains("Visit your newly deployed app at https://" + seed.app() + ".fly.dev/");
        assertThat(appView().runningSecrets()).containsEntry("DATABASE_URL", "postgres://elsewhere/db")
            .containsEntry("DIRECT_DATABASE_URL", seed.flexDatabaseUrl());
        assertThat(fly.run("secrets", "list", "--app", seed.app()).out()).doesNotContain("Staged");
        assertThat(fly.run("status", "--app", seed.app()).out())
            .containsPattern("app\\s+\\w{14}\\s+2\\s+ord\\s+started");
    }

    @Test
    void sshConsolePrintsTheRunningValueOnlyWhileAMachineRuns() {
        Result flex = fly.run("ssh", "console", "--app", seed.flexApp(), "--command", "printenv DATABASE_URL");
        Result other = fly.run("ssh", "console", "--app", seed.app(), "-C", "cat /etc/passwd");
        fly.run("scale", "count", "0", "--app", seed.app(), "--yes");
        Result stopped = fly.run("ssh", "console", "--app", seed.app(), "-C", "printenv DATABASE_URL");

        assertThat(flex.exit()).isZero();
        assertThat(flex.out()).isEqualTo(seed.flexDatabaseUrl() + "\n");
        assertThat(other.exit()).isEqualTo(1);
        assertThat(other.err()).contains("only runs \"printenv NAME\"");
        assertThat(stopped.exit()).isEqualTo(1);
        assertThat(stopped.err()).startsWith("Error: app " + seed.app() + " has no started VMs.\nIt may be unhealthy");
    }

    @Test
    void logsShowWhatHappenedToTheMachines() {
        fly.run("scale", "count", "0", "--app", seed.app(), "--yes");

        Result logs = fly.run("logs", "--app", seed.app(), "--no-tail");

        assertThat(logs.exit()).isZero();
        assertThat(logs.out()).containsPattern(
                "(?m)^\\u001b\\[2m\\d{4}-\\d\\d-\\d\\dT\\S+\\u001b\\[0m app\\[\\w{14}\\] \\u001b\\[32mord\\u001b\\[0m \\[info\\] Machine destroyed by scale count$");
    }

    private EmulatedFly.AppView appView() {
        return EmulatedFly.app(home, seed.app()).orElseThrow();
    }

}
