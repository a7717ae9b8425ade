package io.cutover.sync;

import static io.cutover.TestUsers.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.PanelTest;
import io.cutover.RunApi;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

/**
 * Continuous sync end to end on real PostgreSQL, both apply modes: every change made
 * while the initial copy runs and after it (inserts, updates, deletes, a truncate,
 * composite and changed keys, a keyless table) arrives; after the drain the target's
 * counts, checksums and sequences equal the source's; clean-up leaves no slot,
 * publication, subscription or bookkeeping.
 */
@PanelTest
class ContinuousSyncTest {

    private static final List<String> TABLES = List.of("accounts", "balance_log", "memberships", "events", "scratch");

    @Autowired
    MockMvcTester mvc;

    @LocalServerPort
    int port;

    @Autowired
    RunApi api;

    @Autowired
    io.cutover.logstream.LogStream stream;

    @Autowired
    tools.jackson.databind.json.JsonMapper json;

    @Test
    void nativeSubscriptionCarriesEveryChange() throws Exception {
        try (SyncFixture fixture = new SyncFixture(true)) {
            long migration = api.createMigration("sync-test", fixture.valuesJson());
            assertThat(succeeded(migration, "sync-preflight").get("message").asString())
                .contains("native subscription");
            streamWhileWriting(fixture, migration, "NATIVE");
            assertThat(fixture.subscriptions()).hasSize(1);
            cutOverAndCompare(fixture, migration);
            assertThat(fixture.subscriptions()).isEmpty();
        }
    }

    @Test
    void panelAppliesEveryChangeWhenTheTargetCannotSubscribe() throws Exception {
        try (SyncFixture fixture = new SyncFixture(false)) {
            long migration = api.createMigration("sync-test", fixture.valuesJson());
            assertThat(succeeded(migration, "sync-preflight").get("message").asString()).contains("panel-applied");

            long tooEarly = api.startOk(migration, "sync-vacuum");
            assertThat(api.awaitEnd(tooEarly).get("message").asString()).contains("continuous sync is not streaming");

            MvcTestResult early = api.start("operator", migration, "stop-writes", null);
            assertThat(early.getResponse().getStatus()).isEqualTo(409);
            assertThat(RunApi.content(early)).contains("Continuous sync is not streaming");

            streamWhileWriting(fixture, migration, "PANEL");
            assertThat(fixture.targetHasBookkeeping()).isTrue();
            try (Connection target = fixture.target()) {
                assertThat(SyncFixture.scalar(target,
                        "SELECT tgenabled FROM pg_trigger WHERE tgname = 'accounts_balance'"))
                    .as("the target's trigger is off while the panel applies rows the source's trigger already shaped")
                    .isEqualTo("D");
            }
            MvcTestResult change = mvc.post()
                .uri("/api/migrations/" + migration + "/parameters")
                .with(as("admin"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"syncStrategy\":\"full-redump\"}")
                .exchange();
            assertThat(change.getResponse().getStatus()).isEqualTo(409);
            assertThat(RunApi.content(change)).contains("Abort continuous sync");
            MvcTestResult notApplicable = api.start("operator", migration, "final-sync", null);
            assertThat(notApplicable.getResponse().getStatus()).isEqualTo(409);
            assertThat(RunApi.content(notApplicable)).contains("not used with this migration's settings");

            cutOverAndCompare(fixture, migration);
            try (Connection target = fixture.target()) {
                assertThat(SyncFixture.scalar(target,
                        "SELECT tgenabled FROM pg_trigger WHERE tgname = 'accounts_balance'"))
                    .isEqualTo("O");
            }
            assertThat(fixture.targetHasBookkeeping()).isFalse();
        }
    }

    /**
     * Starts the sync while the app writes, then goes on writing (and truncates) while it
     * streams.
     */
    private void streamWhileWriting(SyncFixture fixture, long migration, String mode) throws Exception {
        try (SourceWriter writer = SourceWriter.start(fixture.source)) {
            writer.awaitMore(20);
            long before = writer.committed();
            JsonNode started = succeeded(migration, "sync-start");
            assertThat(writer.committed() - before).as("transactions committed while the initial copy ran")
                .isPositive();
            assertThat(started.get("message").asString()).contains("verified at the slot's snapshot");
            // The run page's bar followed the initial copy, then its verification.
            assertThat(progressStates(started.get("id").asLong())).contains("Rows copied: done",
                    "Tables verified: done");

            JsonNode status = syncStatus(migration);
            assertThat(status.get("state").asString()).isEqualTo("STREAMING");
            assertThat(firstLiveSample(migration)).contains("\"state\":\"STREAMING\"").contains("\"lagBytes\"");
            assertThat(status.get("mode").asString()).isEqualTo(mode);
            assertThat(fixture.slots()).hasSize(1);
            assertThat(fixture.publications()).hasSize(1);

            try (Connection source = fixture.source(); Statement st = source.createStatement()) {
                st.execute("TRUNCATE scratch");
                st.execute("INSERT INTO scratch SELECT g, 'after the truncate' FROM generate_series(1, 50) g");
            }
            writer.awaitMore(300);
            assertThat(syncStatus(migration).get("problem").isNull())
                .as("no alarm while the stream keeps up with the app")
                .isTrue();

            // Readying both sides for the in-window verification does not disturb the
            // stream
            assertThat(succeeded(migration, "sync-vacuum").get("message").asString()).contains(
                    "Vacuumed " + TABLES.size() + " tables on the source and " + TABLES.size() + " on the target");
            writer.awaitMore(50);
        }
    }

    /**
     * The cutover's data steps with writes stopped, then both sides compared table by
     * table.
     */
    private void cutOverAndCompare(SyncFixture fixture, long migration) throws Exception {
        assertThat(succeeded(migration, "sync-drain").get("message").asString()).contains("Drained");
        try (Connection source = fixture.source(); Statement st = source.createStatement()) {
            // WAL the source writes after the drain (its own activity) is not the
            // target's to apply.
            st.execute("CREATE TEMP TABLE after_drain AS SELECT g FROM generate_series(1, 100000) g");
        }
        JsonNode drained = syncStatus(migration);
        assertThat(drained.get("state").asString()).isEqualTo("DRAINED");
        assertThat(drained.get("lagBytes").asLong()).as("no lag after the drain").isZero();
        assertThat(drained.get("lagSeconds").asDouble()).isZero();
        assertThat(drained.get("backlog").isNull()).isTrue();
        assertThat(drained.get("retention").asString()).isIn("ok", "warn");
        succeeded(migration, "sync-sequences");
        assertThat(succeeded(migration, "sync-verify").get("message").asString()).contains("identical");
        for (String table : TABLES) {
            assertThat(fixture.contentOf(fixture.target, table)).as(table)
                .isEqualTo(fixture.contentOf(fixture.source, table));
        }
        try (Connection source = fixture.source(); Connection target = fixture.target()) {
            for (String seq : List.of("accounts_id_seq", "balance_log_id_seq")) {
                assertThat(SyncFixture.scalar(target, "SELECT last_value FROM " + seq)).as(seq)
                    .isEqualTo(SyncFixture.scalar(source, "SELECT last_value FROM " + seq));
            }
            assertThat(SyncFixture.scalar(target, "SELECT count(*) FROM scratch WHERE note = 'before'")).isEqualTo("0");
        }
        assertThat(succeeded(migration, "sync-cleanup").get("message").asString()).contains("dropped");
        assertThat(fixture.slots()).isEmpty();
        assertThat(fixture.publications()).isEmpty();
        assertThat(syncStatus(migration).get("state").asString()).isEqualTo("CLEANED");
    }

    /**
     * The first sample of the live feed the wizard follows, read as a browser's
     * EventSource would.
     */
    private String firstLiveSample(long migration) throws Exception {
        var request = java.net.http.HttpRequest
            .newBuilder(
                    java.net.URI.create("http://localhost:" + port + "/api/migrations/" + migration + "/sync/events"))
            .header("Authorization",
                    "Basic " + java.util.Base64.getEncoder()
                        .encodeToString(("viewer:" + io.cutover.TestUsers.PASSWORD).getBytes()))
            .header("Accept", "text/event-stream")
            .build();
        var response = java.net.http.HttpClient.newHttpClient()
            .send(request, java.net.http.HttpResponse.BodyHandlers.ofLines());
        try (var lines = response.body()) {
            return lines.filter(l -> l.startsWith("data:")).findFirst().orElseThrow();
        }
    }

    private List<String> progressStates(long run) {
        return stream.read(run, 0, 100_000)
            .stream()
            .filter(e -> e.channel() == io.cutover.logstream.Channel.PROGRESS)
            .map(e -> json.readTree(e.text()))
            .map(p -> p.get("label").asString() + ": " + p.get("state").asString())
            .toList();
    }

    private JsonNode succeeded(long migration, String step) {
        long run = api.startOk(migration, step);
        JsonNode ended = api.awaitEnd(run);
        assertThat(ended.get("status").asString()).as(step + ": " + ended.get("message") + "\n" + api.log(run))
            .isEqualTo("SUCCEEDED");
        return ended;
    }

    private JsonNode syncStatus(long migration) {
        return api.body(mvc.get().uri("/api/migrations/" + migration + "/sync").with(as("viewer")).exchange());
    }

}
