package io.cutover.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.PanelProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The panel-applied stream survives the panel being killed in the middle of applying a
 * large transaction: the next panel resumes from the position the target itself recorded,
 * and after the cutover's drain every table, including one without a key where a doubled
 * change would show as an extra row, equals the source.
 */
class PanelKillResumeTest {

    /**
     * A lower backlog threshold than production's, so the status reports the large
     * transaction being applied.
     */
    private static final String SMALL_BACKLOG = "--cutover.sync.backlog-bytes=1048576";

    @Test
    void killedMidStreamThePanelResumesWithNothingLostOrDoubled(@TempDir Path dataDir) throws Exception {
        try (SyncFixture fixture = new SyncFixture(false); SourceWriter writer = SourceWriter.start(fixture.source)) {
            long migration;
            try (PanelProcess first = PanelProcess.start(dataDir, "first", SMALL_BACKLOG)) {
                migration = first.createMigration("sync-test", fixture.valuesJson());
                assertThat(first.runToEnd(migration, "sync-start").get("status").asString()).isEqualTo("SUCCEEDED");
                try (Connection source = fixture.source(); Statement st = source.createStatement()) {
                    st.execute(
                            "INSERT INTO events SELECT now(), 'bulk', md5(g::text) FROM generate_series(1, 100000) g");
                }
                Awaitility.await()
                    .atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> insideLargeTransaction(first.syncStatus(migration)));
                var stop = first.startRun(migration, "stop-writes");
                assertThat(stop.statusCode()).as("stopping the app while a backlog drains").isEqualTo(409);
                assertThat(stop.body()).contains("behind the source")
                    .contains("wait until the wizard shows the backlog drained");
                first.kill();
            }
            writer.awaitMore(200);
            try (PanelProcess second = PanelProcess.start(dataDir, "second")) {
                assertThat(second.logText()).contains("Resuming the sync applier of migration " + migration);
                writer.awaitMore(200);
                writer.close();
                for (String step : List.of("sync-drain", "sync-sequences", "sync-verify", "sync-cleanup")) {
                    JsonNode run = second.runToEnd(migration, step);
                    assertThat(run.get("status").asString()).as(step + ": " + run.get("message"))
                        .isEqualTo("SUCCEEDED");
                }
            }
            for (String table : List.of("accounts", "balance_log", "memberships", "events", "scratch")) {
                assertThat(fixture.contentOf(fixture.target, table)).as(table)
                    .isEqualTo(fixture.contentOf(fixture.source, table));
            }
            assertThat(fixture.slots()).isEmpty();
        }
    }

    private static boolean insideLargeTransaction(JsonNode status) {
        JsonNode backlog = status.get("backlog");
        return backlog != null && !backlog.isNull() && backlog.get("transactionBytes").asLong() > 0
                && backlog.get("transactionBytesLeft").asLong() > 0;
    }

}
