package io.cutover.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.DataPathFixture;
import io.cutover.PanelTest;
import io.cutover.RunApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** A pg_dump older than the server is refused by the preflight, and no dump starts. */
@PanelTest
@TestPropertySource(properties = "cutover.execution.extra-path=target/test-classes/fake-old-tools")
class OldPgDumpPreflightTest {

    @Autowired
    RunApi api;

    @Test
    void oldPgDumpIsRefusedBeforeAnyDumpStarts() {
        try (DataPathFixture db = new DataPathFixture(0.01)) {
            long migration = api.createMigration("datapath-test",
                    "{\"sourceUrl\":\"" + db.sourceUrl() + "\",\"targetUrl\":\"" + db.targetUrl() + "\"}");

            JsonNode preflight = api.awaitEnd(api.startOk(migration, "preflight-backup"));

            assertThat(preflight.get("status").asString()).isEqualTo("FAILED");
            assertThat(preflight.get("message").asString()).contains("pg_dump").contains("postgresql-client-15");
            assertThat(api.log(preflight.get("id").asLong()))
                .contains("pg_dump 12 is older than the source server (15)");
            assertThat(api.start("operator", migration, "dump-custom", null)).hasStatus(409)
                .bodyJson()
                .extractingPath("$.detail")
                .asString()
                .contains("needs 'Preflight before backup' to succeed first");
        }
    }

}
