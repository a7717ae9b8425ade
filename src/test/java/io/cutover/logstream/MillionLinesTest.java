package io.cutover.logstream;

import static io.cutover.TestUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cutover.PanelTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.json.JsonMapper;

/**
 * A run of a million lines loses none of them: every one is stored once, in order, and
 * read back in order across the blocks they are stored in.
 */
@PanelTest
class MillionLinesTest {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    LogStore store;

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
            .until(() -> !store.after(run, Math.max(0, store.lastSeq(run) - 1), 1).isEmpty()
                    && store.after(run, store.lastSeq(run) - 1, 1).get(0).channel() == Channel.END);

        long cursor = 0;
        long lines = 0;
        long ends = 0;
        long outOfOrder = 0;
        long previousLine = 0;
        List<LogEvent> page;
        while (!(page = store.after(run, cursor, 5000)).isEmpty()) {
            for (LogEvent e : page) {
                if (e.seq() != cursor + 1) {
                    outOfOrder++;
                }
                cursor = e.seq();
                if (e.channel() == Channel.OUT) {
                    long n = Long.parseLong(e.text());
                    outOfOrder += n == previousLine + 1 || lines == 0 ? 0 : 1;
                    previousLine = n;
                    lines++;
                }
                ends += e.channel() == Channel.END ? 1 : 0;
            }
        }
        assertThat(lines).isEqualTo(1_000_000L);
        assertThat(ends).isEqualTo(1);
        assertThat(outOfOrder).as("every event once, in seq order, each line after the one before").isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM run_log WHERE run_id = ?", Long.class, run))
            .as("a fast child's lines are stored in blocks, not a row each")
            .isLessThan(100_000L);
    }

}
