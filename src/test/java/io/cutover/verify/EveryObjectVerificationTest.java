package io.cutover.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.PanelTest;
import io.cutover.RunApi;
import io.cutover.SchemaFixture;
import io.cutover.TestDatabases;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verification sees every object class a migration can break: each fault, injected on the
 * target after a verified copy, is reported naming the object where it is.
 */
@PanelTest
class EveryObjectVerificationTest {

    @Autowired
    RunApi api;

    @Autowired
    JsonMapper json;

    SchemaFixture db;

    long migration;

    @BeforeEach
    void copied() {
        db = new SchemaFixture();
        migration = api.createMigration("datapath-test", db.valuesJson());
        for (String step : List.of("preflight-backup", "dump-custom", "preflight-restore", "restore", "verify")) {
            long run = api.startOk(migration, step);
            JsonNode ended = api.awaitEnd(run);
            assertThat(ended.get("status").asString()).as(() -> step + ":\n" + api.log(run)).isEqualTo("SUCCEEDED");
        }
    }

    @AfterEach
    void drop() {
        db.close();
    }

    @Test
    void eachFaultOnTheTargetIsNamedWhereItIs() {
        TestDatabases.execute(db.target, "UPDATE orders SET amount = 999 WHERE id = 7");
        assertThat(differences()).as("the partition, and the row by its key")
            .containsExactly("public.orders_2024|partition content checksum",
                    "public.orders_2024 ((id, placed_at) = (7,\"2024-06-08 00:00:00+00\"))|row differs");
        assertThat(notes()).containsExactly("public.orders|1 of 2 partitions differ: public.orders_2024");

        TestDatabases.execute(db.target, "ALTER TABLE accounts DISABLE TRIGGER accounts_touch");
        assertThat(differences()).contains("public.accounts.accounts_touch|trigger enabled state differs");

        TestDatabases.execute(db.target, "ALTER DOMAIN positive_amount DROP CONSTRAINT positive_amount_check;"
                + " ALTER DOMAIN positive_amount ADD CONSTRAINT positive_amount_check CHECK (VALUE >= 0)");
        assertThat(differences()).contains("public.positive_amount|domain definition differs");

        TestDatabases.execute(db.target, "ALTER TYPE order_status ADD VALUE 'refunded'");
        assertThat(differences()).contains("public.order_status|enum labels differ");

        TestDatabases.execute(db.target,
                "CREATE OR REPLACE AGGREGATE positive_sum(numeric) (SFUNC = add_positive, STYPE = numeric, INITCOND = '100')");
        assertThat(differences()).contains("public.positive_sum(numeric)|aggregate definition differs");

        TestDatabases.execute(db.target, "ALTER TABLE accounts ALTER COLUMN name TYPE text COLLATE \"POSIX\"");
        assertThat(differences()).contains("public.accounts.name|column definition differs");

        TestDatabases.execute(db.target, "ALTER SEQUENCE invoice_no INCREMENT 1");
        assertThat(differences()).contains("public.invoice_no|sequence settings differ");

        TestDatabases.execute(db.target, "REFRESH MATERIALIZED VIEW account_totals WITH NO DATA");
        assertThat(differences()).contains(
                "public.account_totals|materialized view populated state differs (REFRESH MATERIALIZED VIEW on the side that is not)");

        JsonNode ended = verify();
        assertThat(ended.get("message").asString()).startsWith("9 differences: ")
            .contains("1 partition content checksum")
            .contains("1 enum labels differ")
            .endsWith("every one is listed in the result table");
        assertThat(row(ended, "public.positive_amount")).as("the definitions where they differ, not an md5")
            .containsExactly("…CONSTRAINT positive_amount_check CHECK ((VALUE > (0)::numeric))",
                    "…CONSTRAINT positive_amount_check CHECK ((VALUE >= (0)::numeric))");
        assertThat(api.log(ended.get("id").asLong())).contains("    - 'new', 'paid', 'shipped'")
            .contains("    + 'new', 'paid', 'shipped', 'refunded'");
    }

    @Test
    void aMaterializedViewLeftStaleOnTheTargetIsNamed() {
        String order = "INSERT INTO orders VALUES (1000, 3, '2025-03-01', 12.5, 'paid')";
        TestDatabases.execute(db.source, order + "; REFRESH MATERIALIZED VIEW account_totals");
        TestDatabases.execute(db.target, order);

        assertThat(differences()).containsExactly("public.account_totals|materialized view content checksum");
    }

    private JsonNode verify() {
        long run = api.rerunOk("operator", migration, "verify");
        JsonNode ended = api.awaitEnd(run);
        assertThat(ended.get("status").asString()).as(() -> api.log(run)).isEqualTo("FAILED");
        return ended;
    }

    /** "object|difference" of every blocking difference. */
    private List<String> differences() {
        return rows(verify(), "DIFFERENT");
    }

    private List<String> notes() {
        return rows(verify(), "note");
    }

    private List<String> rows(JsonNode ended, String result) {
        JsonNode rows = json.readTree(ended.get("resultJson").asString()).get("rows");
        return Stream.iterate(0, i -> i < rows.size(), i -> i + 1)
            .map(rows::get)
            .filter(r -> r.get(4).asString().equals(result))
            .map(r -> r.get(0).asString() + "|" + r.get(1).asString())
            .toList();
    }

    /** The source and target cells of an object's difference. */
    private List<String> row(JsonNode ended, String object) {
        JsonNode rows = json.readTree(ended.get("resultJson").asString()).get("rows");
        for (JsonNode r : rows) {
            if (r.get(0).asString().equals(object)) {
                return List.of(r.get(2).asString(), r.get(3).asString());
            }
        }
        throw new AssertionError(object + " not in the result table");
    }

}
