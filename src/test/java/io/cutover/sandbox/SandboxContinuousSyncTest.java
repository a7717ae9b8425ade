package io.cutover.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The rehearsal's cutover with continuous sync instead of the full re-dump: the emulated
 * cluster's user cannot subscribe (like MPG's fly-user), so the panel applies the stream;
 * a row the app writes while the sync runs is on the new database after cutover, the
 * downtime clock measures the short window, and the source keeps no slot.
 */
@SandboxTest
class SandboxContinuousSyncTest {

    @Autowired
    RehearsalDriver drive;

    @Autowired
    SandboxSetup sandbox;

    @Autowired
    SandboxPostgres postgres;

    @Autowired
    SandboxNames names;

    @Test
    void cutsOverWithContinuousSyncAndTheAppAnswersFromTheNewDatabase() throws Exception {
        drive.throughCutoverWithContinuousSync(() -> write(
                "INSERT INTO users (email, name, updated_at)" + " VALUES ('late@example.com', 'Late Writer', now())"));

        assertThat(drive.phaseState("cutover")).isEqualTo("DONE");
        String cluster = drive.parameter("clusterId");
        await().atMost(Duration.ofSeconds(30))
            .untilAsserted(() -> assertThat(ByHand.site(sandbox.siteUrl())).contains("database=fly-db-" + cluster));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode window = drive.downtime().get(0);
            assertThat(window.get("status").asString()).isEqualTo("MEASURED");
            assertThat(window.get("millis").asLong()).isBetween(1L, 300_000L);
        });
        try (Connection target = postgres.connect("fly-db-" + cluster);
                Statement st = target.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM users WHERE email = 'late@example.com'")) {
            rs.next();
            assertThat(rs.getLong(1)).as("the row written while the sync streamed").isEqualTo(1);
        }
        try (Connection source = postgres.connect(names.sourceDatabase());
                Statement st = source.createStatement();
                ResultSet rs = st
                    .executeQuery("SELECT count(*) FROM pg_replication_slots WHERE database = current_database()")) {
            rs.next();
            assertThat(rs.getLong(1)).as("no slot keeps WAL on the Flex stand-in").isZero();
        }
    }

    private void write(String sql) {
        try (Connection source = postgres.connect(names.sourceDatabase()); Statement st = source.createStatement()) {
            st.execute(sql);
        }
        catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

}
