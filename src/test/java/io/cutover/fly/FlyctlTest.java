package io.cutover.fly;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.PanelTest;
import io.cutover.RunApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * What an operator reads when flyctl fails. The configured flyctl is a small shell script
 * that answers like the real one does when it fails (its wording on stderr, exit code 1)
 * and writes down the argv and environment it was started with: a real child process,
 * started by the panel the way it starts flyctl in production.
 */
@PanelTest
class FlyctlTest {

    private static final String TOKEN = "FlyV1 fm2_lJPECAAAAAAAAtestdeploytoken";

    /** flyctl's own error wording for each command of fly-runbooks/fly-test.yaml. */
    private static final String FAKE_FLYCTL = """
            #!/bin/bash
            # Stand-in for flyctl: every command fails the way the real flyctl fails.
            here="$(cd "$(dirname "$0")" && pwd)"
            printf '%s\\n' "$@" > "$here/argv.txt"
            env > "$here/env.txt"
            echo "Using the stand-in flyctl"
            case "$1 $2" in
              "auth whoami")
                if [ -z "$FLY_API_TOKEN" ]; then
                  echo "Error: no access token available. Please login with 'flyctl auth login'" >&2
                else
                  echo "Error: failed to get current user: unauthorized" >&2
                fi ;;
              "status --app") echo "Error: failed to get app: Could not find App" >&2 ;;
              "mpg status") echo "Error: managed postgres cluster \\"$3\\" not found" >&2 ;;
              "mpg attach") echo "Error: app $5 already has DATABASE_URL set. Use 'fly secrets unset DATABASE_URL' to remove it first" >&2 ;;
              "mpg list") echo "Error: slug argument must be specified when not running interactively" >&2 ;;
              "mpg create") printf 'Error: MPG commands require updated tokens but found older-style tokens.\\n\\nPlease upgrade your authentication by running:\\n  flyctl auth logout\\n  flyctl auth login\\n' >&2 ;;
              "deploy --app") echo "Error: failed to fetch an image or build from source: app does not have a Dockerfile or buildpacks configured. See https://fly.io/docs/reference/configuration/#the-build-section" >&2 ;;
              "machine list") printf 'Usage:\\n  flyctl machine list [flags]\\n'; echo "Error: unknown flag: --all" >&2 ;;
              "ssh console") printf 'Error: app %s has no started VMs.\\nIt may be unhealthy or not have been deployed yet.\\n' "$4" >&2 ;;
              *) echo "Error: failed to list volumes: Post \\"https://api.fly.io/graphql\\": net/http: TLS handshake timeout" >&2 ;;
            esac
            exit 1
            """;

    @TempDir
    static Path flyHome;

    @DynamicPropertySource
    static void flyctlIsTheStandIn(DynamicPropertyRegistry registry) {
        registry.add("cutover.fly.flyctl", () -> flyHome.resolve("flyctl").toString());
        registry.add("cutover.runbooks.locations", () -> "classpath*:runbooks/*.yaml,classpath*:fly-runbooks/*.yaml");
    }

    @Autowired
    RunApi api;

    @BeforeEach
    void standInFlyctl() throws IOException {
        for (String record : List.of("argv.txt", "env.txt")) {
            Files.deleteIfExists(flyHome.resolve(record));
        }
        Path flyctl = flyHome.resolve("flyctl");
        Files.writeString(flyctl, FAKE_FLYCTL);
        Files.setPosixFilePermissions(flyctl, PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void aTokenFlyRefusesIsExplainedAndTheTokenReachesFlyctlOnlyThroughItsEnvironment() throws IOException {
        long migration = api.createMigration("fly-test", "{\"flyApiToken\":\"" + TOKEN + "\"}");

        JsonNode run = failedRun(migration, "whoami");

        assertThat(run.get("message").asString())
            .isEqualTo("Fly refused the token: set FLY_API_TOKEN to a valid org token (fly tokens create org)"
                    + " (Exited with code 1 (expected [0]))");
        assertThat(run.get("exitCode").asInt()).isEqualTo(1);
        assertThat(api.log(run.get("id").asLong())).contains("Error: failed to get current user: unauthorized");
        assertThat(Files.readAllLines(flyHome.resolve("argv.txt"))).as("flyctl's argv")
            .containsExactly("auth", "whoami");
        assertThat(Files.readAllLines(flyHome.resolve("env.txt"))).as("flyctl's environment")
            .contains("FLY_API_TOKEN=" + TOKEN, "FLY_NO_UPDATE_CHECK=1", "FLY_SEND_METRICS=0")
            .noneMatch(l -> l.startsWith("FLY_METRICS_DISABLED"));
        assertThat(run.get("argvMasked").asString()).doesNotContain(TOKEN);
        assertThat(api.log(run.get("id").asLong())).doesNotContain(TOKEN);
    }

    @Test
    void withoutATokenFlyctlIsStartedWithNoneAndThePanelSaysWhichParameterToSet() throws IOException {
        long migration = api.createMigration("fly-test", "{}");

        JsonNode run = failedRun(migration, "whoami");

        assertThat(api.log(run.get("id").asLong()))
            .contains("Error: no access token available. Please login with 'flyctl auth login'");
        assertThat(run.get("message").asString())
            .startsWith("flyctl has no token: set the migration's FLY_API_TOKEN parameter to an org token");
        assertThat(Files.readAllLines(flyHome.resolve("env.txt"))).noneMatch(line -> line.startsWith("FLY_API_TOKEN="));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|',
            textBlock = """
                    app-status  | ghost-app     | Fly has no app of that name that this token can see: check the app parameters, and that FLY_API_TOKEN is an org token (a deploy token reaches its own app only)
                    mpg-status  | ghost-app     | No Managed Postgres cluster 'mpg-gone' that this token can see: check the cluster id (fly mpg list --org) and that FLY_API_TOKEN is an org token of its organization
                    mpg-attach  | blockster-web | The app still has DATABASE_URL: fly mpg attach refuses to overwrite it. Run 'Release DATABASE_URL for the attach' first (the old value is kept for rollback)
                    app-console | blockster-web | The app has no running machine to run the command on: scale it up first
                    mpg-list    | blockster-web | flyctl would ask for 'slug' here but cannot prompt in the panel: the command must pass it as a flag or argument
                    mpg-create  | blockster-web | fly mpg refuses this old-style token: set FLY_API_TOKEN to an org token made with 'fly tokens create org'
                    deploy      | blockster-web | fly deploy found nothing to build in the panel's working directory: deploy the already-built image with --image (step 'Capture the image to deploy at cutover')
                    machines    | blockster-web | The installed flyctl does not know --all for this command: the runbook's command and this flyctl's version disagree
                    """)
    void aKnownFailureIsExplainedInTheRunsOutcomeAboveFlyctlsOwnWords(String step, String app, String explanation) {
        long migration = api.createMigration("fly-test", "{\"flyApiToken\":\"" + TOKEN + "\",\"app\":\"" + app + "\"}");

        JsonNode run = failedRun(migration, step);

        assertThat(run.get("message").asString()).isEqualTo(explanation + " (Exited with code 1 (expected [0]))");
        assertThat(api.log(run.get("id").asLong())).as("flyctl's own words stay in the log").contains("Error: ");
    }

    @Test
    void anUnknownFailureIsNotDressedUpButKeepsFlyctlsWordsAndItsExitCode() {
        long migration = api.createMigration("fly-test", "{\"flyApiToken\":\"" + TOKEN + "\"}");

        JsonNode run = failedRun(migration, "volumes");

        assertThat(run.get("message").asString()).isEqualTo("Exited with code 1 (expected [0])");
        assertThat(api.log(run.get("id").asLong())).contains(
                "Error: failed to list volumes: Post \"https://api.fly.io/graphql\": net/http: TLS handshake timeout");
    }

    @Test
    void aMissingFlyctlSaysHowToInstallItOrWhereToConfigureIt() throws IOException {
        Files.delete(flyHome.resolve("flyctl"));
        long migration = api.createMigration("fly-test", "{\"flyApiToken\":\"" + TOKEN + "\"}");

        JsonNode run = failedRun(migration, "app-status");

        assertThat(run.get("message").asString())
            .contains("'" + flyHome.resolve("flyctl") + "' is not installed on the panel's host")
            .contains("Install flyctl: curl -L https://fly.io/install.sh | sh (or set cutover.fly.flyctl to its path)");
    }

    @Test
    void aCommandThatTurnsOutToBePostgresDetachIsRefusedBeforeFlyctlStarts() {
        long migration = api.createMigration("fly-test",
                "{\"flyApiToken\":\"" + TOKEN + "\",\"pgCommand\":\"detach\"}");

        JsonNode run = failedRun(migration, "pg-command");

        assertThat(run.get("message").asString()).startsWith("The panel never runs 'fly postgres detach'")
            .contains("deletes the app's database user", "Leave the old cluster attached until decommission");
        assertThat(flyHome.resolve("argv.txt")).as("flyctl was never started").doesNotExist();
    }

    @Test
    void theSameCommandWithAHarmlessSubcommandDoesReachFlyctl() {
        long migration = api.createMigration("fly-test",
                "{\"flyApiToken\":\"" + TOKEN + "\",\"pgCommand\":\"config\"}");

        failedRun(migration, "pg-command");

        assertThat(flyHome.resolve("argv.txt")).content().isEqualTo("postgres\nconfig\n--app\nblockster-web\n");
    }

    private JsonNode failedRun(long migration, String step) {
        JsonNode run = api.awaitEnd(api.startOk(migration, step));
        assertThat(run.get("status").asString()).as("%s: %s", step, run.get("message")).isEqualTo("FAILED");
        return run;
    }

}
