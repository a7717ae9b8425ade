package io.cutover.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cutover.PanelTest;
import io.cutover.RunApi;
import io.cutover.TestUsers;
import io.cutover.logstream.LogEvent;
import io.cutover.logstream.LogStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Secrets never reach a child's argv, the stored log, the SSE stream or the page. */
@PanelTest
class SecretHandlingTest {

    private static final String TOKEN = "s3cr3t-token-value";

    private static final String DB_PASSWORD = "db-Pa55-word";

    @Autowired
    LogStream logs;

    @LocalServerPort
    int port;

    @Autowired
    RunApi api;

    long migration;

    @BeforeEach
    void migrationWithSecrets() {
        migration = api.createMigration("exec-test", "{\"token\":\"" + TOKEN + "\",\"db\":\"postgres://postgres:"
                + DB_PASSWORD + "@127.0.0.1:5432/postgres\"}");
    }

    @Test
    void secretsPrintedByAChildAreMaskedInH2AndInTheSseStream() throws Exception {
        long run = api.runToEnd(migration, "leak");

        // Every event is stored before the run leaves memory; read then, it comes from
        // H2.
        logs.awaitStored(run, Duration.ofSeconds(10));
        List<String> stored = logs.read(run, 0, 10_000).stream().map(LogEvent::text).toList();
        String sse = sse(run);

        assertThat(stored).anySatisfy(l -> assertThat(l).isEqualTo("token is ****"));
        assertThat(stored).anySatisfy(l -> assertThat(l).isEqualTo("url postgres://someone:****@db.example/x"));
        assertThat(stored).anySatisfy(l -> assertThat(l).isEqualTo("pass ****"));
        assertThat(String.join("\n", stored)).doesNotContain(TOKEN, "hunter2", DB_PASSWORD);
        assertThat(sse).contains("token is ****").doesNotContain(TOKEN, "hunter2", DB_PASSWORD);
    }

    @Test
    void secretsReachTheChildOnStdinButNeverItsOutputOnScreen() {
        long run = api.runToEnd(migration, "stdin-echo");

        assertThat(api.log(run)).contains("given **** and postgres://postgres:****@127.0.0.1:5432/postgres")
            .doesNotContain(TOKEN, DB_PASSWORD);
        assertThat(api.run(run).get("argvMasked").asString()).doesNotContain(TOKEN, DB_PASSWORD);
    }

    @Test
    void runningChildHasNoSecretInItsArgvAndAPrivatePassfile() throws Exception {
        long run = api.startOk(migration, "argv-check");
        AtomicReference<Path> proc = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            proc.set(findProcess("argv0").orElse(null));
            return proc.get() != null;
        });

        String cmdline = new String(Files.readAllBytes(proc.get().resolve("cmdline")), StandardCharsets.UTF_8)
            .replace('\0', ' ');
        String environ = new String(Files.readAllBytes(proc.get().resolve("environ")), StandardCharsets.UTF_8);
        Path passfile = Path.of(environ.lines()
            .flatMap(l -> Stream.of(l.split("\0")))
            .filter(v -> v.startsWith("PGPASSFILE="))
            .findFirst()
            .orElseThrow()
            .substring("PGPASSFILE=".length()));

        assertThat(cmdline).contains("postgres://postgres@127.0.0.1:5432/postgres").doesNotContain(DB_PASSWORD, TOKEN);
        assertThat(Files.getPosixFilePermissions(passfile)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
        assertThat(Files.readString(passfile)).contains("127.0.0.1:5432:*:postgres:" + DB_PASSWORD);
        assertThat(environ).doesNotContain("CUTOVER_SECRETS_KEY");
        // the child waits for this file in its working directory (at most a minute), so
        // it is
        // still running however long the checks above took
        Path release = Files.createFile(proc.get().resolve("cwd").toRealPath().resolve("release"));
        assertThat(api.awaitEnd(run).get("status").asString()).isEqualTo("SUCCEEDED");
        Files.delete(release);
        assertThat(passfile).as("the passfile is removed when the run ends").doesNotExist();
    }

    private String sse(long run) throws Exception {
        String auth = Base64.getEncoder()
            .encodeToString(("viewer:" + TestUsers.PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest
            .newBuilder(URI.create("http://localhost:" + port + "/api/runs/" + run + "/events"))
            .header("Authorization", "Basic " + auth)
            .timeout(Duration.ofSeconds(30))
            .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private static Optional<Path> findProcess(String marker) throws Exception {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+")).filter(p -> {
                try {
                    return new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8)
                        .contains(marker);
                }
                catch (Exception e) {
                    return false;
                }
            }).findFirst();
        }
    }

}
