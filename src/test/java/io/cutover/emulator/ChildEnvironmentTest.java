package io.cutover.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emulator runs as its own process with the migration's token, as the panel starts
 * it; the programs it starts (PgBouncer, psql) must not inherit that token. Read from
 * their {@code /proc/<pid>/environ}.
 */
class ChildEnvironmentTest {

    /** An org token the emulated API issued (it refuses tokens it never issued). */
    private String token;

    @TempDir
    Path home;

    @Test
    void pgBouncerAndPsqlStartedByTheEmulatorDoNotCarryTheFlyToken() throws Exception {
        try (EmulatorFixture fly = new EmulatorFixture(home)) {
            Process create = emulator("mpg", "create", "--name", "scrubbed", "--region", "ord", "--plan", "Launch",
                    "--volume-size", "20", "--pg-major-version", "17", "--org", "personal");
            create.getOutputStream().close();
            String out = new String(create.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(create.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(create.exitValue()).as(out).isZero();
            MpgCluster cluster = new StateStore(home).read().clusters.values().iterator().next();

            List<String> pgbouncer = environ(
                    Long.parseLong(Files.readString(Path.of(cluster.pgbouncerPidFile)).strip()));

            assertThat(pgbouncer).as("a real environment was read").anyMatch(v -> v.startsWith("PATH="));
            assertThat(pgbouncer).noneMatch(v -> v.startsWith("FLY_API_TOKEN=") || v.contains(token()));

            Process connect = emulator("mpg", "connect", cluster.id);
            try {
                // Read while psql waits for its input (a process that has ended shows an
                // empty environment).
                List<String> psqlEnv = await().atMost(Duration.ofSeconds(30))
                    .until(() -> connect.toHandle()
                        .descendants()
                        .filter(c -> c.info().command().map(cmd -> cmd.endsWith("/psql")).orElse(false))
                        .map(c -> environOrEmpty(c.pid()))
                        .filter(e -> e.size() > 1)
                        .findFirst()
                        .orElse(null), e -> e != null);

                assertThat(psqlEnv).as("psql gets its password").anyMatch(v -> v.startsWith("PGPASSWORD="));
                assertThat(psqlEnv).noneMatch(v -> v.startsWith("FLY_API_TOKEN=") || v.contains(token()));
            }
            finally {
                connect.getOutputStream().close();
                connect.waitFor(30, TimeUnit.SECONDS);
                connect.destroyForcibly();
            }
        }
    }

    private String token() {
        if (token == null) {
            token = EmulatedFly.issueToken(home, "personal", null);
        }
        return token;
    }

    /** The emulator as the panel starts it: its own JVM, the token in its environment. */
    private Process emulator(String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                        System.getProperty("java.class.path"), FlyctlEmulator.class.getName()));
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("FLY_API_TOKEN", token());
        builder.environment().put("CUTOVER_EMULATOR_HOME", home.toString());
        builder.environment().put("CUTOVER_EMULATOR_PG", EmulatorFixture.ADMIN_URL);
        return builder.start();
    }

    private static List<String> environOrEmpty(long pid) {
        try {
            return environ(pid);
        }
        catch (IOException e) {
            return List.of();
        }
    }

    private static List<String> environ(long pid) throws IOException {
        byte[] raw = Files.readAllBytes(Path.of("/proc/" + pid + "/environ"));
        return Arrays.asList(new String(raw, StandardCharsets.UTF_8).split("\0"));
    }

}
