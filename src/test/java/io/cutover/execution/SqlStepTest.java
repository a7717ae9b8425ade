package io.cutover.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.PanelTest;
import io.cutover.RunApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SQL steps against the local PostgreSQL server: a result table on the page, lines in the
 * log.
 */
@PanelTest
class SqlStepTest {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    RunApi api;

    long migration;

    @BeforeEach
    void migration() {
        migration = api.createMigration("exec-test", "{}");
    }

    @Test
    void queryResultBecomesATableAndLogLines() {
        long run = api.startOk(migration, "query");
        JsonNode ended = api.awaitEnd(run);

        assertThat(ended.get("status").asString()).isEqualTo("SUCCEEDED");
        JsonNode result = json.readTree(ended.get("resultJson").asString());
        assertThat(result.get("columns").toString()).isEqualTo("[\"n\",\"square\"]");
        assertThat(result.get("rows").toString()).isEqualTo("[[\"1\",\"1\"],[\"2\",\"4\"],[\"3\",\"9\"]]");
        assertThat(api.log(run)).contains(" out n | square").contains(" out 3 | 9").contains(" out (3 rows)");
    }

    @Test
    void failingQueryFailsTheRunWithThePostgresMessage() {
        long run = api.startOk(migration, "bad-query");
        JsonNode ended = api.awaitEnd(run);

        assertThat(ended.get("status").asString()).isEqualTo("FAILED");
        assertThat(ended.get("message").asString()).contains("The query failed").contains("no_such_table_here");
    }

    @Test
    void runPageShowsTheResultTable() {
        long run = api.runToEnd(migration, "query");

        assertThat(mvc.get()
            .uri("/migrations/" + migration + "/runs/" + run)
            .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                .user("viewer")
                .roles("VIEWER")))
            .hasStatusOk()
            .bodyText()
            .contains("result-table")
            .contains("<td>9</td>")
            .contains("succeeded");
    }

}
