package io.cutover.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.emulator.EmulatorFixture.Result;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cutover as the application sees it: which database it reads, and when it switches.
 */
class EmulatedAppTest {

    @TempDir
    Path home;

    private EmulatorFixture fly;

    private SeedApps seed;

    private EmulatedApp site;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void startSite() throws Exception {
        fly = new EmulatorFixture(home);
        seed = fly.seed(fly.createFlexDatabase(4), 1);
        site = EmulatedApp.start(home, seed.app(), 0);
    }

    @AfterEach
    void stopSite() throws Exception {
        site.close();
        fly.close();
    }

    @Test
    void servesFromTheFlexDatabaseAndStopsWhenScaledToZero() throws Exception {
        assertThat(get()).isEqualTo("200 ok database=" + seed.flexDatabase() + " users=4");

        fly.run("scale", "count", "0", "--app", seed.app(), "--yes");
        assertThat(get()).isEqualTo("503 no machines running for " + seed.app());

        fly.run("scale", "count", "1", "--app", seed.app(), "--yes");
        assertThat(get()).isEqualTo("200 ok database=" + seed.flexDatabase() + " users=4");
        assertThat(fly.run("logs", "--app", seed.app(), "--no-tail").out()).contains("GET / 200").contains("GET / 503");
    }

    @Test
    void attachIsRefusedWhileDatabaseUrlIsSetAndTakesEffectOnlyAfterDeploy() throws Exception {
        String clusterId = fly.run("mpg", "create", "--name", "target", "--region", "ord", "--plan", "launch")
            .group("^\\s*ID:\\s*(\\S+)");
        String pooledUrl = new StateStore(home).read().cluster(clusterId).pooledUrl();
        try (Connection connection = EmulatorFixture.connect(pooledUrl)) {
            MpgClusterTest.execute(connection, "CREATE TABLE users (id int)");
            MpgClusterTest.execute(connection, "INSERT INTO users VALUES (1), (2)");
        }

        Result refused = fly.run("mpg", "attach", clusterId, "-a", seed.app());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo("Error: app " + seed.app()
                + " already has DATABASE_URL set. Use 'fly secrets unset DATABASE_URL' to remove it first\n");

        fly.run("secrets", "unset", "DATABASE_URL", "--app", seed.app(), "--stage");
        Result attached = fly.run("mpg", "attach", clusterId, "-a", seed.app());

        assertThat(attached.exit()).isZero();
        assertThat(attached.out()).isEqualTo("\nPostgres cluster " + clusterId + " is being attached to " + seed.app()
                + "\nThe following secret was added to " + seed.app() + ":\n  DATABASE_URL=" + pooledUrl + "\n");
        assertThat(fly.run("mpg", "list", "--org", "personal").out()).contains(seed.app());
        // The running machine still has the old URL: the site keeps reading Flex until it
        // restarts.
        assertThat(get()).isEqualTo("200 ok database=" + seed.flexDatabase() + " users=4");

        fly.run("secrets", "set", "DIRECT_DATABASE_URL=" + new StateStore(home).read().cluster(clusterId).directUrl(),
                "--app", seed.app(), "--stage");
        Result deployed = fly.run("deploy", "--app", seed.app(), "--image",
                fly.run("releases", "--app", seed.app(), "--json").group("\"ImageRef\": \"([^\"]+)\""));
        assertThat(deployed.exit()).as(deployed.err()).isZero();

        assertThat(get()).isEqualTo("200 ok database=fly-db-" + clusterId + " users=2");
    }

    @Test
    void answers500WithTheDatabaseErrorAndLogsIt() throws Exception {
        fly.run("secrets", "set", "DATABASE_URL=" + EmulatorFixture.ADMIN_URL, "--app", seed.app());

        String answer = get();

        assertThat(answer).startsWith("500 ").contains("users");
        assertThat(fly.run("logs", "--app", seed.app(), "--no-tail").out()).contains("GET / 500 error:");
    }

    private String get() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + site.port() + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body().strip();
    }

}
