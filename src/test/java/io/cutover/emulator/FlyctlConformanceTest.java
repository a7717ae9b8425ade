package io.cutover.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.emulator.EmulatorFixture.Result;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The emulator's command line, streams and JSON against the contract: flags not inherited
 * from a group, the non-interactive errors for a missing id or flag, what goes to stdout
 * and what to stderr, and the field names of --json output.
 */
class FlyctlConformanceTest extends SeededEmulatorTest {

    FlyctlConformanceTest() {
        super(2, 2);
    }

    @Test
    void flagsOfAGroupAreNotInheritedAndBadValuesAreRefusedAsPflagDoes() {
        Result inherited = fly.run("mpg", "status", "abc", "--org", "personal");
        Result shorthand = fly.run("status", "-x", "--app", seed.app());
        Result missingValue = fly.run("status", "--app");
        Result badInt = fly.run("mpg", "create", "--name", "n", "--region", "ord", "--volume-size", "big");
        Result extraArg = fly.run("status", "extra", "--app", seed.app());
        Result group = fly.run("mpg", "bogus");

        assertThat(inherited.err()).isEqualTo("Error: unknown flag: --org\n");
        assertThat(shorthand.err()).isEqualTo("Error: unknown shorthand flag: 'x' in -x\n");
        assertThat(missingValue.err()).isEqualTo("Error: flag needs an argument: --app\n");
        assertThat(badInt.err()).isEqualTo(
                "Error: invalid argument \"big\" for \"--volume-size\" flag: strconv.ParseInt: parsing \"big\": invalid syntax\n");
        assertThat(extraArg.err()).isEqualTo("Error: unknown command \"extra\" for \"flyctl status\"\n");
        assertThat(List.of(inherited, shorthand, missingValue, badInt, extraArg)).allSatisfy(r -> {
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out()).startsWith("Usage:\n");
        });
        assertThat(group.exit()).as("a group without a runnable subcommand prints help and exits 0").isZero();
        assertThat(group.out()).startsWith("Usage:\n  flyctl mpg [command]");
    }

    @Test
    void missingIdsAndRequiredFlagsFailWithFlyctlsNonInteractiveErrors() {
        String cluster = fly.run("mpg", "create", "--name", "c1", "--region", "ord", "--org", "personal")
            .group("  ID: (\\w+)");

        assertThat(fly.run("mpg", "create", "--region", "ord", "--org", "personal").err())
            .isEqualTo("Error: name argument or flag must be specified when not running interactively\n");
        assertThat(fly.run("mpg", "create", "--name", "c2", "--org", "personal").err())
            .endsWith("Error: prompt: non interactive\n");
        assertThat(fly.run("mpg", "list").err())
            .isEqualTo("Error: slug argument must be specified when not running interactively\n");
        Result noId = fly.run("mpg", "status");
        assertThat(noId.err()).as("never the only cluster: the picker cannot run")
            .isEqualTo("automatically selected personal organization: personal\nError: prompt: non interactive\n");
        assertThat(fly.run("mpg", "users", "create", cluster, "--role", "reader").err())
            .isEqualTo("Error: username must be specified with --username flag when not running interactively\n");
        assertThat(fly.run("mpg", "users", "create", cluster, "--username", "u1").err())
            .isEqualTo("Error: user role must be specified with --role flag when not running interactively\n");
        assertThat(fly.run("mpg", "databases", "create", cluster).err())
            .isEqualTo("Error: database name must be specified with --name flag when not running interactively\n");
        assertThat(fly.run("mpg", "destroy").err()).isEqualTo("Error: accepts 1 arg(s), received 0\n");
        assertThat(fly.run("volumes", "snapshots", "list", "--app", seed.flexApp()).err())
            .isEqualTo("Error: accepts 1 arg(s), received 0\n");
        Result attach = fly.run("mpg", "attach", "-a", seed.app());
        assertThat(attach.out()).isEqualTo("Listing clusters in organization personal\n");
        assertThat(attach.err()).isEqualTo("Error: failed retrieving cluster : prompt: non interactive\n");
        assertThat(fly.run("status").err()).startsWith("Error: the config for your app is missing an app name");
    }

    @Test
    void stdoutAndStderrAreSplitAsInFlyctl() {
        Result noSnapshots = fly.run("volumes", "snapshots", "list", seed.flexVolumeId(), "--app", seed.flexApp());
        Result noSnapshotsJson = fly.run("volumes", "snapshots", "list", seed.flexVolumeId(), "--app", seed.flexApp(),
                "--json");
        Result noBackups = fly.run("mpg", "list", "--org", "personal", "--json");
        fly.run("secrets", "set", "DIRECT_DATABASE_URL=" + seed.flexDatabaseUrl(), "--app", seed.app(), "--stage");
        Result deploy = fly.run("deploy", "--app", seed.app(), "--image", image());

        assertThat(noSnapshots.exit()).isZero();
        assertThat(noSnapshots.out()).isEmpty();
        assertThat(noSnapshots.err()).isEqualTo("No snapshots available for volume " + seed.flexVolumeId() + "\n");
        assertThat(noSnapshotsJson.out()).isEqualTo("[]\n");
        assertThat(noBackups.out()).as("plain text even with --json")
            .isEqualTo("No managed postgres clusters found in organization personal\n");
        assertThat(deploy.err()).startsWith("==> Verifying app config\n--> Verified app config\nSearching for image '"
                + image() + "' remotely...\n");
        assertThat(deploy.out())
            .startsWith("\nWatch your deployment at https://fly.io/apps/" + seed.app() + "/monitoring\n\n");
    }

    @Test
    void jsonOutputHasFlyctlsFieldNamesIndentedAsGoIndentsThem() {
        String cluster = fly.run("mpg", "create", "--name", "c1", "--region", "ord", "--org", "personal")
            .group("  ID: (\\w+)");

        JsonNode status = json("status", "--app", seed.app(), "--json");
        JsonNode machines = json("machine", "list", "--app", seed.app(), "--json");
        JsonNode releases = json("releases", "--app", seed.app(), "--json");
        JsonNode scale = json("scale", "show", "--app", seed.app(), "--json");
        JsonNode mpgList = json("mpg", "list", "--org", "personal", "--json");
        JsonNode mpgStatus = json("mpg", "status", cluster, "--json");

        assertThat(status.propertyNames()).containsExactly("ID", "Name", "Deployed", "Status", "Hostname", "Version",
                "AppURL", "Organization", "PlatformVersion", "Machines");
        assertThat(status.get("Organization").propertyNames()).contains("Slug", "RawSlug");
        assertThat(machines.get(0).propertyNames()).contains("id", "name", "state", "region", "image_ref", "config",
                "checks");
        assertThat(releases.get(0).propertyNames()).contains("Version", "Status", "Description", "ImageRef",
                "CreatedAt");
        assertThat(scale.get(0).propertyNames()).containsExactly("Process", "Count", "CPUKind", "CPUs", "Memory",
                "Regions");
        assertThat(mpgList.get(0).propertyNames()).contains("id", "mpgd_cluster_id", "name", "region", "status", "plan",
                "organization", "ip_assignments", "attached_apps");
        assertThat(mpgStatus.propertyNames()).containsExactly("data", "credentials");
        assertThat(mpgStatus.get("credentials").propertyNames()).containsExactly("status", "user", "password", "dbname",
                "pgbouncer_uri");
        assertThat(fly.run("scale", "show", "--app", seed.app(), "--json").out())
            .startsWith("[\n    {\n        \"Process\": \"app\",");
    }

    @Test
    void mpgCommandsRefuseOldStyleTokensAndTheApiRefusesTokensItNeverIssued() {
        Map<String, String> oldStyle = new HashMap<>(fly.env);
        oldStyle.put("FLY_API_TOKEN", "fo1_personal-access-token");
        Map<String, String> unknown = new HashMap<>(fly.env);
        unknown.put("FLY_API_TOKEN", "FlyV1 fm2_never-issued");

        Result mpg = EmulatorFixture.run(oldStyle, "", "mpg", "list", "--org", "personal");
        Result other = EmulatorFixture.run(unknown, "", "status", "--app", seed.app());

        assertThat(mpg.exit()).isEqualTo(1);
        assertThat(mpg.err()).isEqualTo("Error: MPG commands require updated tokens but found older-style tokens.\n\n"
                + "Please upgrade your authentication by running:\n  flyctl auth logout\n  flyctl auth login\n");
        assertThat(other.exit()).isEqualTo(1);
        assertThat(other.err()).isEqualTo("Error: unauthorized\n");
    }

    private String image() {
        return fly.run("releases", "--app", seed.app(), "--json").group("\"ImageRef\": \"([^\"]+)\"");
    }

    private JsonNode json(String... args) {
        Result result = fly.run(args);
        assertThat(result.exit()).as(result.err()).isZero();
        return StateStore.JSON.readTree(result.out());
    }

}
