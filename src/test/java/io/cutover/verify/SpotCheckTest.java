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
 * Spot checks on a database without the sample app's users and posts: generated from the
 * source's catalog, the team's own queries added as a parameter, a query for a table this
 * database lacks reported as not applying, and nothing created on the target.
 */
@PanelTest
class SpotCheckTest {

    @Autowired
    RunApi api;

    @Autowired
    JsonMapper json;

    SchemaFixture db;

    @BeforeEach
    void databases() {
        db = new SchemaFixture();
    }

    @AfterEach
    void drop() {
        db.close();
    }

    @Test
    void theSeedsUsersQueryDoesNotApplyAndHoldsNothingUpWhileGeneratedChecksCompareBothSides() {
        long migration = copied(db.valuesJson());

        JsonNode ended = api.awaitEnd(api.startOk(migration, "spot-checks"));

        assertThat(ended.get("status").asString()).as(() -> api.log(ended.get("id").asLong())).isEqualTo("SUCCEEDED");
        assertThat(ended.get("message").asString())
            .endsWith("spot checks, none different; does not apply to this database: team query 1"
                    + " (relation \"users\" does not exist) — edit the spot-check queries on the Parameters page");
        assertThat(rows(ended)).contains("row count (largest tables)|public.orders|400 rows|400 rows|same",
                "newest rows by placed_at|public.orders key (400,\"2025-07-06 00:00:00+00\")|present|same content|same",
                "foreign keys|all|1 foreign keys|1 foreign keys|same", "indexes|all|3 indexes|3 indexes|same");
        assertThat(rows(ended)).filteredOn(r -> r.startsWith("newest rows by updated_at|public.accounts key "))
            .hasSize(5)
            .allSatisfy(r -> assertThat(r).endsWith("|present|same content|same"));
        assertThat(api.awaitEnd(api.startOk(migration, "verify")).get("status").asString())
            .as("nothing was created on the target")
            .isEqualTo("SUCCEEDED");
    }

    @Test
    void theTeamsOwnQueriesRunReadOnlyOnBothSidesAndAMissingForeignKeyFails() {
        String queries = "SELECT name FROM accounts ORDER BY id DESC LIMIT 3; INSERT INTO accounts (name) VALUES ('written by a spot check')";
        long migration = copied(db.valuesJson().replace("}", ",\"spotCheckQueries\":\"" + queries + "\"}"));
        TestDatabases.execute(db.target, "ALTER TABLE orders DROP CONSTRAINT orders_account_id_fkey");

        JsonNode ended = api.awaitEnd(api.startOk(migration, "spot-checks"));

        assertThat(ended.get("status").asString()).isEqualTo("FAILED");
        assertThat(rows(ended)).contains(
                "team query 1|SELECT name FROM accounts ORDER BY id DESC LIMIT 3|3 rows|3 rows|same",
                "team query 2|INSERT INTO accounts (name) VALUES ('written by a spot check')|failed: cannot execute INSERT in a read-only transaction"
                        + "|failed: cannot execute INSERT in a read-only transaction|DIFFERENT",
                "foreign keys|public.orders.orders_account_id_fkey|FOREIGN KEY (account_id) REFERENCES public.accounts(id)|missing|DIFFERENT");
        assertThat(ended.get("message").asString()).isEqualTo("3 of 17 spot checks differ");
        assertThat(count(db.target, "SELECT count(*) FROM accounts WHERE name = 'written by a spot check'")).isZero();
    }

    private long copied(String values) {
        long migration = api.createMigration("datapath-test", values);
        for (String step : List.of("preflight-backup", "dump-custom", "preflight-restore", "restore")) {
            long run = api.startOk(migration, step);
            assertThat(api.awaitEnd(run).get("status").asString()).as(() -> step + ":\n" + api.log(run))
                .isEqualTo("SUCCEEDED");
        }
        return migration;
    }

    private List<String> rows(JsonNode ended) {
        JsonNode rows = json.readTree(ended.get("resultJson").asString()).get("rows");
        return Stream.iterate(0, i -> i < rows.size(), i -> i + 1)
            .map(rows::get)
            .map(r -> Stream.iterate(0, i -> i < r.size(), i -> i + 1)
                .map(i -> r.get(i).asString())
                .reduce((a, b) -> a + "|" + b)
                .orElse(""))
            .toList();
    }

    private static long count(String database, String sql) {
        try (var c = TestDatabases.connect(database); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
        catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

}
