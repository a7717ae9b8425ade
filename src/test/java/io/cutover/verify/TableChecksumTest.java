package io.cutover.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.TestDatabases;
import io.cutover.migration.ExecutionValues;
import io.cutover.shared.ConnectionUrl;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The content checksum against the corruptions a linear sum of row hashes cannot see:
 * values swapped between rows (1,000 random swaps per hash path, each checksummed), a
 * value moved to another table, a row duplicated while another is deleted.
 */
class TableChecksumTest {

    private static final int SWAPS = 1000;

    /**
     * Picks two rows holding different values of the column, swaps them, checksums, swaps
     * back.
     */
    private static final String SWAP_LOOP = """
            CREATE FUNCTION undetected_swaps(tbl text, col text, checksum text, swaps int) RETURNS int LANGUAGE plpgsql AS $$
            DECLARE
                base text; now text; missed int := 0; a int; b int; rows bigint;
                swap text := format('UPDATE %1$s x SET %2$I = y.%2$I FROM %1$s y WHERE (x.id, y.id) IN (($1, $2), ($2, $1))', tbl, col);
            BEGIN
                EXECUTE checksum INTO rows, base;
                FOR i IN 1..swaps LOOP
                    EXECUTE format('SELECT id FROM %s ORDER BY random() LIMIT 1', tbl) INTO a;
                    EXECUTE format('SELECT id FROM %1$s WHERE %2$I IS DISTINCT FROM (SELECT %2$I FROM %1$s WHERE id = $1) ORDER BY random() LIMIT 1',
                        tbl, col) INTO b USING a;
                    EXECUTE swap USING a, b;
                    EXECUTE checksum INTO rows, now;
                    IF now = base THEN missed := missed + 1; END IF;
                    EXECUTE swap USING a, b;
                END LOOP;
                EXECUTE checksum INTO rows, now;
                IF now <> base THEN RAISE EXCEPTION 'the swaps were not undone'; END IF;
                RETURN missed;
            END $$""";

    String source;

    String target;

    Verifier verifier = new Verifier(new VerifyProperties(2, Duration.ofSeconds(10)));

    @BeforeEach
    void verifiedCopy() {
        source = TestDatabases.create("checksum_src");
        TestDatabases.execute(source,
                """
                        CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL, bid int NOT NULL);
                        INSERT INTO users SELECT i, 'user' || i || '@example.com', 1 + i % 7 FROM generate_series(1, 300) i;
                        CREATE TABLE accounts (id int PRIMARY KEY, bid int NOT NULL, balance numeric NOT NULL, email text);
                        INSERT INTO accounts SELECT i, 1 + i % 5, i * 1.25, 'acct' || i || '@example.com' FROM generate_series(1, 300) i;
                        CREATE TABLE log_values (kind text, n int);
                        INSERT INTO log_values SELECT 'k' || i % 4, i FROM generate_series(1, 50) i;
                        CREATE TABLE log_text (kind text, amount numeric);
                        INSERT INTO log_text SELECT 'k' || i % 4, i / 8.0 FROM generate_series(1, 50) i;
                        CREATE TABLE events (id bigint PRIMARY KEY, n bigint, label text, flag bool, day date, at timestamp);
                        INSERT INTO events SELECT i, i, CASE WHEN i % 3 = 0 THEN NULL ELSE 'e' || i END, i % 2 = 0,
                            CASE WHEN i % 5 = 0 THEN NULL ELSE date '2026-01-01' + i END, timestamp '2026-01-01' + i * interval '1 minute'
                            FROM generate_series(1, 200) i;
                        """);
        target = TestDatabases.create("checksum_tgt");
        TestDatabases.drop(target);
        TestDatabases.execute("postgres", "CREATE DATABASE " + target + " TEMPLATE " + source);
        assertThat(verify()).as("an exact copy verifies identical").isEmpty();
    }

    @AfterEach
    void drop() {
        TestDatabases.drop(source);
        TestDatabases.drop(target);
    }

    @Test
    void eachPathHashesTheTablesItIsMeantFor() throws Exception {
        try (Connection c = TestDatabases.connect(target); Statement st = c.createStatement()) {
            assertThat(TableChecksum.hashesStoredValues(st, table("users"))).isTrue();
            assertThat(TableChecksum.hashesStoredValues(st, table("log_values"))).isTrue();
            assertThat(TableChecksum.hashesStoredValues(st, table("accounts"))).isFalse();
            assertThat(TableChecksum.hashesStoredValues(st, table("log_text"))).isFalse();
        }
    }

    @Test
    void aValueSwappedBetweenTwoRowsIsReported() {
        TestDatabases.execute(target,
                "UPDATE users x SET email = y.email FROM users y WHERE (x.id, y.id) IN ((3, 8), (8, 3))");
        TestDatabases.execute(target,
                "UPDATE accounts x SET bid = y.bid FROM accounts y WHERE (x.id, y.id) IN ((1, 2), (2, 1))");

        assertThat(verify()).containsExactly("public.accounts|content checksum", "public.users|content checksum",
                "public.accounts (id = 1)|row differs", "public.accounts (id = 2)|row differs",
                "public.users (id = 3)|row differs", "public.users (id = 8)|row differs");
    }

    @Test
    void everyOneOfAThousandRandomSwapsChangesTheChecksumOnBothPaths() throws Exception {
        TableChecksum checksum = TableChecksum.random();
        TestDatabases.execute(target, SWAP_LOOP);

        assertThat(undetected("users", "email", checksum.query(table("users"), true))).isZero();
        assertThat(undetected("users", "bid", checksum.query(table("users"), true))).isZero();
        assertThat(undetected("accounts", "bid", checksum.query(table("accounts"), false))).isZero();
        assertThat(undetected("accounts", "email", checksum.query(table("accounts"), false))).isZero();
        // The control: modulo 2^64 (where the row hash wraps), the linear sum the
        // checksum replaced sees none of them.
        String wrap = "18446744073709551616";
        assertThat(undetected("users", "email", "SELECT count(*), ((sum(hash_record_extended(t, 0)) % " + wrap + " + "
                + wrap + ") % " + wrap + ")::text FROM public.users t"))
            .isEqualTo(SWAPS);
    }

    @Test
    void theColumnChainHashesEachColumnWithoutTheRecord() throws Exception {
        try (Connection c = TestDatabases.connect(target); Statement st = c.createStatement()) {
            TableChecksum checksum = TableChecksum.random();
            assertThat(checksum.rowTerm(st, table("users"))).startsWith("hashint4extended(t.bid, ")
                .doesNotContain("hash_record_extended");
            // date has no SQL-callable hash of its own: it goes into the record at the
            // end.
            assertThat(checksum.rowTerm(st, table("events"))).startsWith("hash_record_extended(ROW(t.day), ");
            // numeric: 1.0 and 1.00 hash alike, so its text is hashed, and only its text.
            assertThat(checksum.rowTerm(st, table("accounts")))
                .contains("hashtextextended(t.balance::text COLLATE \"C\", ")
                .doesNotContain("t::text");
        }
    }

    @Test
    void everyOneOfAThousandRandomSwapsChangesTheColumnChain() throws Exception {
        TableChecksum checksum = TableChecksum.random();
        TestDatabases.execute(target, SWAP_LOOP);
        String chain;

        String textColumns;
        try (Connection c = TestDatabases.connect(target); Statement st = c.createStatement()) {
            chain = checksum.query(table("users"), checksum.columnChain(st, table("users")));
            textColumns = checksum.query(table("accounts"), checksum.columnChain(st, table("accounts")));
        }

        assertThat(undetected("users", "email", chain)).isZero();
        assertThat(undetected("users", "bid", chain)).isZero();
        assertThat(undetected("accounts", "bid", textColumns)).isZero();
        assertThat(undetected("accounts", "balance", textColumns)).isZero();
    }

    @Test
    void aNumericsScaleIsADifference() {
        TestDatabases.execute(target, "UPDATE accounts SET balance = 2.500 WHERE id = 2");

        assertThat(verify()).containsExactly("public.accounts|content checksum",
                "public.accounts (id = 2)|row differs");
    }

    @Test
    void theColumnChainSeesNullsAndTheBigintTheRecordHashFolds() {
        // hashint8extended folds a bigint to 32 bits: 1 and 4294967296 hash alike in a
        // record hash; the chain hashes the high half too, and the re-read by segment
        // sums
        // the same chain, so it names the row.
        TestDatabases.execute(target, "UPDATE events SET n = 4294967296 WHERE id = 1");
        assertThat(verify()).containsExactly("public.events|content checksum", "public.events (id = 1)|row differs");

        TestDatabases.execute(target,
                "UPDATE events SET n = 1 WHERE id = 1; UPDATE events SET label = '' WHERE id = 3");
        assertThat(verify()).containsExactly("public.events|content checksum", "public.events (id = 3)|row differs");

        TestDatabases.execute(target,
                "UPDATE events SET label = NULL WHERE id = 3; UPDATE events SET day = NULL WHERE id = 4");
        assertThat(verify()).containsExactly("public.events|content checksum", "public.events (id = 4)|row differs");
    }

    @Test
    void aValueMovedToAnotherTableIsReported() {
        TestDatabases.execute(target, """
                UPDATE users SET email = (SELECT email FROM accounts WHERE id = 9) WHERE id = 4;
                UPDATE accounts SET email = 'user4@example.com' WHERE id = 9""");

        assertThat(verify()).containsExactly("public.accounts|content checksum", "public.users|content checksum",
                "public.accounts (id = 9)|row differs", "public.users (id = 4)|row differs");
    }

    @Test
    void aRowDuplicatedWhileAnotherIsDeletedIsReported() {
        TestDatabases.execute(target,
                """
                        DELETE FROM log_values WHERE n = 10; INSERT INTO log_values SELECT * FROM log_values WHERE n = 11;
                        DELETE FROM log_text WHERE amount = 10 / 8.0; INSERT INTO log_text SELECT * FROM log_text WHERE amount = 11 / 8.0""");

        assertThat(verify()).containsExactly("public.log_text|content checksum", "public.log_values|content checksum");
    }

    private int undetected(String tbl, String column, String checksumQuery) throws Exception {
        try (Connection c = TestDatabases.connect(target);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT undetected_swaps('public." + tbl + "', '" + column + "', '"
                        + checksumQuery.replace("'", "''") + "', " + SWAPS + ")")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private List<String> verify() {
        try {
            return verifier.verify(connection(source), connection(target), line -> {
            }).mismatches().stream().map(m -> m.object() + "|" + m.difference()).toList();
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ExecutionValues.Connection connection(String database) {
        return new ExecutionValues.Connection(ConnectionUrl.parse(TestDatabases.url(database)).url(), Optional.empty());
    }

    private static TableRef table(String name) {
        return new TableRef("public", name);
    }

}
