package io.cutover;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The panel as its own operating-system process (the test classpath, the test profile, an
 * H2 file in a directory that outlives it), so that a test can kill it with SIGKILL and
 * start it again.
 */
public final class PanelProcess implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;

    private final int port;

    private final Path log;

    private PanelProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static PanelProcess start(Path dataDir, String name, String... settings) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = dataDir.resolve(name + ".log");
        List<String> command = new java.util.ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-cp",
                        System.getProperty("java.class.path"), "io.cutover.CutoverApplication",
                        "--spring.profiles.active=test", "--server.port=" + port, "--cutover.data-dir=" + dataDir,
                        "--spring.datasource.url=jdbc:h2:file:" + dataDir.resolve("panel")
                                + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0",
                        "--cutover.runbooks.locations=classpath*:runbooks/*.yaml,classpath*:test-runbooks/*.yaml"));
        command.addAll(List.of(settings));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PanelProcess panel = new PanelProcess(process, port, log);
        try {
            Awaitility.await().atMost(Duration.ofSeconds(120)).ignoreExceptions().until(() -> {
                if (!process.isAlive()) {
                    throw new AssertionError("The panel exited at start-up:\n" + Files.readString(log));
                }
                return panel.send("GET", "/actuator/health", "viewer", null).statusCode() == 200;
            });
        }
        catch (ConditionTimeoutException e) {
            // The temporary directory goes with the test: show why the panel never
            // answered.
            throw new AssertionError("The panel did not answer within 120 s; its log:\n" + Files.readString(log), e);
        }
        return panel;
    }

    /** The panel's operating-system process, whose children a test may look for. */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** The run, as GET /api/runs/{id} shows it. */
    public JsonNode run(long runId) throws Exception {
        return json(send("GET", "/api/runs/" + runId, "viewer", null)).get("run");
    }

    /**
     * SIGKILL: no shutdown hook, no graceful stop, exactly what a crash or OOM kill does.
     */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public long createMigration(String runbookId, String valuesJson) throws Exception {
        return json(send("POST", "/api/migrations", "admin", "{\"name\":\"kill-" + System.nanoTime()
                + "\",\"runbookId\":\"" + runbookId + "\",\"values\":" + valuesJson + "}"))
            .get("id")
            .asLong();
    }

    public HttpResponse<String> startRun(long migrationId, String stepId) throws Exception {
        return send("POST", "/api/migrations/" + migrationId + "/steps/" + stepId + "/runs", "operator", "{}");
    }

    /** Runs a step as operator and returns the ended run. */
    public JsonNode runToEnd(long migrationId, String stepId) throws Exception {
        HttpResponse<String> started = startRun(migrationId, stepId);
        if (started.statusCode() != 201) {
            throw new AssertionError(stepId + " gave " + started.statusCode() + ": " + started.body());
        }
        long runId = json(started).get("id").asLong();
        Awaitility.await()
            .atMost(Duration.ofSeconds(120))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> !run(runId).get("status").asString().matches("QUEUED|RUNNING"));
        return run(runId);
    }

    public JsonNode syncStatus(long migrationId) throws Exception {
        return json(send("GET", "/api/migrations/" + migrationId + "/sync", "viewer", null));
    }

    public String logText() throws IOException {
        return Files.readString(log);
    }

    private HttpResponse<String> send(String method, String path, String user, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString((user + ":" + TestUsers.PASSWORD).getBytes()))
            .header("Content-Type", "application/json")
            .method(method,
                    body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

}
