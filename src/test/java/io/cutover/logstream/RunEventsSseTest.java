package io.cutover.logstream;

import static io.cutover.TestUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cutover.PanelTest;
import io.cutover.TestUsers;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.json.JsonMapper;

/**
 * SSE over a real HTTP connection: lines in batches, replay after a reconnect (also from
 * the middle of a batch), and viewers that do not wait on each other. {@link #read} turns
 * each {@code lines} event into one {@code line} entry per line, with the line's seq as
 * its id, so that every line is checked, not every event.
 */
@PanelTest
class RunEventsSseTest {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JsonMapper json;

    @LocalServerPort
    int port;

    long migration;

    @BeforeEach
    void migration() {
        migration = json
            .readTree(content(mvc.post()
                .uri("/api/migrations")
                .with(as("admin"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"sse-" + System.nanoTime() + "\",\"runbookId\":\"exec-test\",\"values\":{}}")
                .exchange()
                .getResponse()
                .getContentAsByteArray()))
            .get("id")
            .asLong();
    }

    @Test
    void reconnectWithLastEventIdReplaysExactlyTheMissingEventsInOrder() throws Exception {
        long run = start("lines");
        List<Event> all = read(run, null);
        Event line1000 = all.stream().filter(e -> e.data().contains("\"line 1000\"")).findFirst().orElseThrow();

        // Line 1000 is in the middle of a batch: the replay starts with the line after
        // it.
        List<Event> resumed = read(run, line1000.id());

        assertThat(all.stream().filter(e -> e.name().equals("line") && e.data().contains("\"s\":\"out\"")).count())
            .isEqualTo(2000);
        assertThat(resumed.get(0).id()).isEqualTo(line1000.id() + 1);
        assertThat(resumed).extracting(Event::id)
            .isEqualTo(all.stream().map(Event::id).filter(id -> id > line1000.id()).toList());
        assertThat(resumed.get(0).data()).contains("\"line 1001\"");
        assertThat(resumed.get(resumed.size() - 1).name()).isEqualTo("end");
        assertThat(ids(all)).as("ids are consecutive")
            .isEqualTo(java.util.stream.LongStream.rangeClosed(1, all.size()).boxed().toList());
    }

    @Test
    void linesTravelInBatchesWhoseIdIsTheirLastLine() throws Exception {
        long run = start("lines");
        List<Event> raw = new ArrayList<>();
        List<Event> lines = read(run, null, raw);

        List<Event> batches = raw.stream().filter(e -> e.name().equals("lines")).toList();
        assertThat(raw).noneMatch(e -> e.name().equals("line"));
        assertThat(batches.size()).as("2,000 lines in far fewer events").isLessThan(400);
        assertThat(batches).allSatisfy(b -> {
            List<Long> seqs = json.readTree(b.data()).valueStream().map(l -> l.get("q").asLong()).toList();
            assertThat(b.id()).isEqualTo(seqs.get(seqs.size() - 1));
        });
        assertThat(lines.stream().filter(e -> e.name().equals("line") && e.data().contains("\"s\":\"out\"")))
            .extracting(e -> json.readTree(e.data()).get("x").asString())
            .isEqualTo(java.util.stream.IntStream.rangeClosed(1, 2000).mapToObj(i -> "line " + i).toList());
    }

    @Test
    void aFinishedRunIsReplayedWholeThenEnds() throws Exception {
        long run = start("ok");
        await().atMost(Duration.ofSeconds(30)).until(() -> status(run).equals("SUCCEEDED"));

        List<Event> events = read(run, null);

        assertThat(events).extracting(Event::name).startsWith("status", "status").endsWith("end");
        assertThat(events.stream().map(Event::data).toList()).anySatisfy(d -> assertThat(d).contains("\"x\":\"one\""));
    }

    @Test
    void aStalledViewerDelaysNeitherTheRunNorAnotherViewer() throws Exception {
        long run = start("big");
        try (Socket stalled = stalledViewer(run)) {
            List<Event> events = CompletableFuture.supplyAsync(() -> {
                try {
                    return read(run, null);
                }
                catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).get(120, java.util.concurrent.TimeUnit.SECONDS);

            assertThat(
                    events.stream().filter(e -> e.name().equals("line") && e.data().contains("\"s\":\"out\"")).count())
                .isEqualTo(40_000);
            assertThat(events.get(events.size() - 1).name()).isEqualTo("end");
            assertThat(status(run)).isEqualTo("SUCCEEDED");
            assertThat(stalled.isClosed()).as("the stalled viewer never read and is still connected").isFalse();
        }
    }

    @Test
    void theStreamOpensWithTheReconnectDelayAndThePanelsHeaders() throws Exception {
        long run = start("ok");
        await().atMost(Duration.ofSeconds(30)).until(() -> status(run).equals("SUCCEEDED"));

        HttpResponse<java.util.stream.Stream<String>> response = HttpClient.newHttpClient()
            .send(request(run, null), HttpResponse.BodyHandlers.ofLines());

        // Written on the request thread before any viewer thread writes (SseResponse).
        try (java.util.stream.Stream<String> lines = response.body()) {
            assertThat(lines.limit(2).toList()).containsExactly("retry:" + SseResponse.RECONNECT.toMillis(), "");
        }
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(response.headers().firstValue("X-Accel-Buffering")).hasValue("no");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void unknownRunIs404() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
            .send(request(987654321L, null), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
    }

    private long start(String step) throws Exception {
        return json
            .readTree(content(mvc.post()
                .uri("/api/migrations/" + migration + "/steps/" + step + "/runs")
                .with(as("operator"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{}")
                .exchange()
                .getResponse()
                .getContentAsByteArray()))
            .get("id")
            .asLong();
    }

    private String status(long run) throws Exception {
        return json.readTree(content(
                mvc.get().uri("/api/runs/" + run).with(as("viewer")).exchange().getResponse().getContentAsByteArray()))
            .get("run")
            .get("status")
            .asString();
    }

    /**
     * Reads the whole stream (the server ends it after the end event); each line of a
     * {@code lines} event becomes a {@code line} entry.
     */
    private List<Event> read(long run, Long lastEventId) throws Exception {
        return read(run, lastEventId, new ArrayList<>());
    }

    /**
     * As {@link #read(long, Long)}, also collecting the events as they came in
     * {@code raw}.
     */
    private List<Event> read(long run, Long lastEventId, List<Event> raw) throws Exception {
        HttpResponse<java.util.stream.Stream<String>> response = HttpClient.newHttpClient()
            .send(request(run, lastEventId), HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        List<Event> events = new ArrayList<>();
        long id = 0;
        String name = null;
        StringBuilder data = new StringBuilder();
        for (String line : (Iterable<String>) response.body()::iterator) {
            if (line.isEmpty()) {
                if (name != null) {
                    raw.add(new Event(id, name, data.toString()));
                }
                if ("lines".equals(name)) {
                    json.readTree(data.toString())
                        .valueStream()
                        .forEach(l -> events.add(new Event(l.get("q").asLong(), "line", l.toString())));
                }
                else if (name != null) {
                    events.add(new Event(id, name, data.toString()));
                }
                name = null;
                data.setLength(0);
            }
            else if (line.startsWith("id:")) {
                id = Long.parseLong(line.substring(3).strip());
            }
            else if (line.startsWith("event:")) {
                name = line.substring(6).strip();
            }
            else if (line.startsWith("data:")) {
                data.append(line.substring(5));
            }
        }
        return events;
    }

    private HttpRequest request(long run, Long lastEventId) {
        HttpRequest.Builder b = HttpRequest
            .newBuilder(URI.create("http://localhost:" + port + "/api/runs/" + run + "/events"))
            .header("Authorization", basic())
            .timeout(Duration.ofSeconds(120));
        if (lastEventId != null) {
            b.header("Last-Event-ID", Long.toString(lastEventId));
        }
        return b.build();
    }

    /**
     * Opens an SSE request and never reads the response: its socket buffers fill and stay
     * full.
     */
    private Socket stalledViewer(long run) throws Exception {
        Socket socket = new Socket("localhost", port);
        socket.setReceiveBufferSize(4096);
        OutputStream out = socket.getOutputStream();
        out.write(("GET /api/runs/" + run + "/events HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + basic()
                + "\r\nAccept: text/event-stream\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private static String basic() {
        return "Basic "
                + Base64.getEncoder().encodeToString(("viewer:" + TestUsers.PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private static List<Long> ids(List<Event> events) {
        return events.stream().map(Event::id).toList();
    }

    private static String content(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    record Event(long id, String name, String data) {
    }

}
