package io.cutover.logstream;

import static io.cutover.TestUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cutover.PanelTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.json.JsonMapper;

/** A run of a million lines loses none of them: every one is stored once, in order. */
@PanelTest
class MillionLinesTest {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyLineOfAMillionLineRunIsStoredOnceInOrder() {
        long migration = json
            .readTree(mvc.post()
                .uri("/api/migrations")
                .with(as("admin"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"million-" + System.nanoTime() + "\",\"runbookId\":\"exec-test\",\"values\":{}}")
                .exchange()
                .getResponse()
                .getContentAsByteArray())
            .get("id")
            .asLong();
        long run = json
            .readTree(mvc.post()
                .uri("/api/migrations/" + migration + "/steps/million/runs")
                .with(as("operator"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{}")
                .exchange()
                .getResponse()
                .getContentAsByteArray())
            .get("id")
            .asLong();

        await().atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM run_log WHERE run_id = ? AND stream = 'end'",
                    Long.class, run) == 1);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM run_log WHERE run_id = ? AND stream = 'out'", Long.class,
                run))
            .isEqualTo(1_000_000L);
        assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT text) FROM run_log WHERE run_id = ? AND stream = 'out'",
                Long.class, run))
            .isEqualTo(1_000_000L);
        // Output order is kept: line n is stored after line n - 1.
        assertThat(jdbc.queryForObject(
                """
                        SELECT COUNT(*) FROM run_log a JOIN run_log b ON a.run_id = b.run_id AND b.seq = a.seq + 1
                        WHERE a.run_id = ? AND a.stream = 'out' AND b.stream = 'out' AND CAST(b.text AS INT) <> CAST(a.text AS INT) + 1""",
                Long.class, run))
            .isZero();
        assertThat(jdbc.queryForObject("SELECT MAX(seq) - MIN(seq) + 1 = COUNT(*) FROM run_log WHERE run_id = ?",
                Boolean.class, run))
            .isTrue();
    }

}
