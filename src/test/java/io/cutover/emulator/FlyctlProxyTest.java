package io.cutover.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The proxies block until killed, so they run as the separate program they are. */
class FlyctlProxyTest {

    @TempDir
    Path home;

    private EmulatorFixture fly;

    private SeedApps seed;

    private final List<Process> proxies = new ArrayList<>();

    @BeforeEach
    void seedApps() throws Exception {
        fly = new EmulatorFixture(home);
        seed = fly.seed(fly.createFlexDatabase(2), 1);
    }

    @AfterEach
    void stopProxies() throws Exception {
        for (Process proxy : proxies) {
            proxy.destroyForcibly().waitFor();
        }
        fly.close();
    }

    @Test
    void flexProxyForwardsALocalPortToTheFlexDatabase() throws Exception {
        int port = PgBouncer.freePort();
        BufferedReader output = start("proxy", port + ":5432", "--app", seed.flexApp());

        assertThat(output.readLine())
            .isEqualTo("Proxying localhost:" + port + " to remote [" + seed.flexApp() + ".internal]:5432");
        try (Connection connection = EmulatorFixture
            .connect("postgres://postgres@127.0.0.1:" + port + "/" + seed.flexDatabase())) {
            assertThat(MpgClusterTest.single(connection, "SELECT count(*) FROM users")).isEqualTo("2");
        }
    }

    @Test
    void mpgProxyForwardsToTheDirectAddressBypassingPgBouncer() throws Exception {
        String clusterId = fly.run("mpg", "create", "--name", "target", "--region", "ord", "--plan", "basic")
            .group("^\\s*ID:\\s*(\\S+)");
        MpgCluster cluster = new StateStore(home).read().cluster(clusterId);
        int port = PgBouncer.freePort();
        BufferedReader output = start("mpg", "proxy", clusterId, "-p", Integer.toString(port));

        assertThat(output.readLine()).isEqualTo("Proxying localhost:" + port + " to remote [::1]:5432");
        String viaProxy = "postgresql://" + cluster.user + ":" + cluster.password + "@localhost:" + port + "/"
                + cluster.database;
        try (Connection connection = EmulatorFixture.connect(viaProxy)) {
            // Advisory locks need a session of their own, which only a direct connection
            // gives.
            assertThat(MpgClusterTest.single(connection, "SELECT pg_try_advisory_lock(42)")).isEqualTo("t");
            assertThat(MpgClusterTest.single(connection, "SELECT inet_server_port()"))
                .isEqualTo(String.valueOf(EmulatorFixture.SERVER.port()));
        }
    }

    private BufferedReader start(String... args) throws Exception {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                        System.getProperty("java.class.path"), FlyctlEmulator.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(fly.env);
        Process process = builder.start();
        proxies.add(process);
        BufferedReader output = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(30)).until(() -> process.isAlive() && output.ready() || !process.isAlive());
        assertThat(process.isAlive()).as("the proxy is still running").isTrue();
        return output;
    }

}
