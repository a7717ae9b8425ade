package io.cutover.position;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.PanelTest;
import io.cutover.RunApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.JsonNode;

/**
 * A search whose good outcome is finding nothing (the app log's database errors) fails
 * when it finds a line logged since the app came up on the cluster, and ignores older
 * history.
 */
@PanelTest
class NothingFoundSearchTest {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    RunApi runApi;

    @TempDir
    Path dir;

    @Test
    void errorLinesSinceTheSwitchFailTheSearchAndOlderOnesDoNot() throws Exception {
        Path log = dir.resolve("app.log");
        PositionApi api = new PositionApi(mvc, runApi, "{\"logFile\":\"" + log + "\"}");
        api.cutover();
        Instant before = Instant.now().minus(1, ChronoUnit.HOURS);
        Files.writeString(log, before + " app[148e] ord [info] error: password authentication failed for user \"app\"\n"
                + Instant.now() + " app[148e] ord [info] GET / 200\n");

        JsonNode clean = search(api);
        assertThat(clean.get("status").asString()).as(clean.get("message").asString()).isEqualTo("SUCCEEDED");

        Files.writeString(log,
                Instant.now() + " app[148e] ord [info] error: password authentication failed for user \"app\"\n",
                java.nio.file.StandardOpenOption.APPEND);
        JsonNode found = search(api);
        assertThat(found.get("status").asString()).isEqualTo("FAILED");
        assertThat(found.get("message").asString()).contains("1 line matching")
            .contains("since 'Start the app' was done")
            .contains("password authentication failed");
    }

    private JsonNode search(PositionApi api) {
        var started = runApi.start("operator", api.migration, "search", null);
        if (started.getResponse().getStatus() == 400) {
            started = mvc.post()
                .uri("/api/migrations/" + api.migration + "/steps/search/runs")
                .with(io.cutover.TestUsers.as("operator"))
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .content("{\"rerun\":true}")
                .exchange();
        }
        assertThat(started.getResponse().getStatus()).as(RunApi.content(started)).isEqualTo(201);
        return runApi.awaitEnd(runApi.body(started).get("id").asLong());
    }

}
