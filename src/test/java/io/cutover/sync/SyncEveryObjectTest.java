package io.cutover.sync;

import static io.cutover.TestUsers.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.PanelTest;
import io.cutover.RunApi;
import io.cutover.SchemaFixture;
import io.cutover.TestDatabases;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Continuous sync (panel-applied) on a schema with every object class: materialized views
 * equal the source's at cutover under write load, a DDL statement on the source is named
 * with its fix and without row values, and faults injected on the target after the drain
 * are named by the verification inside the downtime window.
 */
@PanelTest
class SyncEveryObjectTest {

    @Autowired
    RunApi api;

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JsonMapper json;

    @Test
    void materializedViewsEqualTheSourcesAtCutoverAndADdlChangeIsNamedWithoutRowValues() throws Exception {
        try (SyncFixture fixture = new SyncFixture(false, SchemaFixture.sql())) {
            long migration = api.createMigration("sync-test", fixture.valuesJson());
            succeeded(migration, "sync-preflight");
            try (Writes writes = new Writes(fixture.source)) {
                writes.awaitMore(20);
                succeeded(migration, "sync-start");
                writes.awaitMore(200);

                TestDatabases.execute(fixture.source, "ALTER TABLE accounts ADD COLUMN nickname text;"
                        + " UPDATE accounts SET nickname = 'secret-nickname-42' WHERE id = 3");
                writes.awaitMore(50);
            }
            long drain = api.startOk(migration, "sync-drain");
            String named = "The source's table public.accounts changed while streaming (DDL is not streamed): column \"nickname\" (text) was added."
                    + " Apply the same change on the target (ALTER TABLE \"public\".\"accounts\" ADD COLUMN \"nickname\" text);"
                    + " the stream resumes by itself once the target has it";
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> api.log(drain).contains(named));
            assertThat(api.body(mvc.get().uri("/api/migrations/" + migration + "/sync").with(as("viewer")).exchange())
                .get("problem")
                .asString()).contains(named);
            TestDatabases.execute(fixture.target,
                    "SET ROLE " + fixture.targetRole + "; ALTER TABLE accounts ADD COLUMN nickname text");

            JsonNode drained = api.awaitEnd(drain);
            assertThat(drained.get("status").asString()).as(() -> api.log(drain)).isEqualTo("SUCCEEDED");
            assertThat(drained.get("message").asString()).contains("refreshed 1 materialized views on both sides")
                .contains("every trigger is as on the source");
            assertThat(api.log(drain)).doesNotContain("secret-nickname-42");
            succeeded(migration, "sync-sequences");
            assertThat(succeeded(migration, "sync-verify").get("message").asString()).contains("identical");
            assertThat(fixture.contentOf(fixture.target, "account_totals"))
                .isEqualTo(fixture.contentOf(fixture.source, "account_totals"));
            assertThat(fixture.contentOf(fixture.target, "accounts"))
                .isEqualTo(fixture.contentOf(fixture.source, "accounts"));
            succeeded(migration, "sync-cleanup");
        }
    }

    @Test
    void faultsInjectedOnTheTargetAfterTheDrainAreNamedBySyncVerify() throws Exception {
        try (SyncFixture fixture = new SyncFixture(false, SchemaFixture.sql())) {
            long migration = api.createMigration("sync-test", fixture.valuesJson());
            succeeded(migration, "sync-preflight");
            try (Writes writes = new Writes(fixture.source)) {
                succeeded(migration, "sync-start");
                writes.awaitMore(100);
            }
            succeeded(migration, "sync-drain");
            succeeded(migration, "sync-sequences");
            assertThat(succeeded(migration, "sync-verify").get("message").asString()).contains("identical");

            String role = "SET ROLE " + fixture.targetRole + "; ";
            TestDatabases.execute(fixture.target, role
                    + "INSERT INTO orders VALUES (90001, 2, '2025-05-05', 7, 'paid');"
                    + " REFRESH MATERIALIZED VIEW account_totals; DELETE FROM orders WHERE id = 90001; UPDATE orders SET amount = 999 WHERE id = 7");
            TestDatabases.execute(fixture.target, role + "ALTER TABLE accounts DISABLE TRIGGER accounts_touch;"
                    + " ALTER DOMAIN positive_amount DROP CONSTRAINT positive_amount_check; ALTER DOMAIN positive_amount ADD CONSTRAINT positive_amount_check CHECK (VALUE >= 0);"
                    + " CREATE OR REPLACE AGGREGATE positive_sum(numeric) (SFUNC = add_positive, STYPE = numeric, INITCOND = '100');"
                    + " ALTER TABLE accounts ALTER COLUMN name TYPE text COLLATE \"POSIX\"; ALTER SEQUENCE invoice_no INCREMENT 1");
            TestDatabases.execute(fixture.target, role + "ALTER TYPE order_status ADD VALUE 'refunded'");
            long verify = api.rerunOk("operator", migration, "sync-verify");
            JsonNode ended = api.awaitEnd(verify);
            assertThat(ended.get("status").asString()).isEqualTo("FAILED");
            assertThat(differences(ended)).contains("public.orders_2024|partition content checksum",
                    "public.account_totals|materialized view content checksum",
                    "public.accounts.accounts_touch|trigger enabled state differs",
                    "public.positive_amount|domain definition differs", "public.order_status|enum labels differ",
                    "public.positive_sum(numeric)|aggregate definition differs",
                    "public.accounts.name|column definition differs", "public.invoice_no|sequence settings differ");

            TestDatabases.execute(fixture.target, role + "REFRESH MATERIALIZED VIEW account_totals WITH NO DATA");
            assertThat(differences(api.awaitEnd(api.rerunOk("operator", migration, "sync-verify")))).contains(
                    "public.account_totals|materialized view populated state differs (REFRESH MATERIALIZED VIEW on the side that is not)");
            succeeded(migration, "sync-cleanup");
        }
    }

    private List<String> differences(JsonNode ended) {
        JsonNode rows = json.readTree(ended.get("resultJson").asString()).get("rows");
        return Stream.iterate(0, i -> i < rows.size(), i -> i + 1)
            .map(rows::get)
            .filter(r -> r.get(4).asString().equals("DIFFERENT"))
            .map(r -> r.get(0).asString() + "|" + r.get(1).asString())
            .toList();
    }

    private JsonNode succeeded(long migration, String step) {
        long run = api.startOk(migration, step);
        JsonNode ended = api.awaitEnd(run);
        assertThat(ended.get("status").asString()).as(() -> step + ": " + ended.get("message") + "\n" + api.log(run))
            .isEqualTo("SUCCEEDED");
        return ended;
    }

    /**
     * The app on the every-object schema: orders placed, accounts touched (their trigger
     * fires), the materialized view refreshed now and then.
     */
    private static final class Writes implements AutoCloseable {

        private final AtomicBoolean running = new AtomicBoolean(true);

        private final AtomicLong committed = new AtomicLong();

        private final Thread thread;

        Writes(String database) {
            thread = new Thread(() -> loop(database), "every-object-writes");
            thread.start();
        }

        private void loop(String database) {
            try (Connection c = TestDatabases.connect(database); Statement st = c.createStatement()) {
                for (long i = 1; running.get(); i++) {
                    st.execute("INSERT INTO orders VALUES (" + (10_000 + i) + ", " + (1 + i % 20)
                            + ", '2025-02-01'::timestamptz + " + i + " * interval '1 minute', " + (1 + i % 90)
                            + ".25, 'new')");
                    st.execute("UPDATE accounts SET invoice = nextval('invoice_no') WHERE id = " + (1 + i % 20));
                    if (i % 50 == 0) {
                        st.execute("REFRESH MATERIALIZED VIEW account_totals");
                    }
                    committed.incrementAndGet();
                }
            }
            catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        void awaitMore(long n) {
            long goal = committed.get() + n;
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> committed.get() >= goal || !thread.isAlive());
            assertThat(thread.isAlive()).as("the writes keep going").isTrue();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join();
        }

    }

}
