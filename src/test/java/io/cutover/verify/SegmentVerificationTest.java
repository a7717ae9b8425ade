package io.cutover.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.TestDatabases;
import io.cutover.migration.ExecutionValues;
import io.cutover.shared.ConnectionUrl;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Segment hashes name the row: on tables big enough to be cut into key ranges (an integer
 * key with gaps, a text key, a composite key), a changed, a deleted and an extra row on
 * the target are each named by key with both sides' values; a keyless table still fails
 * on its whole-table hash; a change only the column chain sees is named too.
 */
class SegmentVerificationTest {

    static String source;
    static final Verifier verifier = new Verifier(new VerifyProperties(2, Duration.ofSeconds(10)));

    @BeforeAll
    static void source() {
        source = TestDatabases.create("segments_src");
        TestDatabases.execute(source,
                """
                        CREATE TABLE accounts (id bigint PRIMARY KEY, owner text NOT NULL, balance numeric(12,2) NOT NULL);
                        INSERT INTO accounts SELECT g * 3 + (g / 1000) * 5000, 'owner ' || g, g % 1000 FROM generate_series(1, 160000) g;
                        CREATE TABLE tags (name text PRIMARY KEY, uses int NOT NULL);
                        INSERT INTO tags SELECT md5(g::text), g FROM generate_series(1, 120000) g;
                        CREATE TABLE memberships (group_id int, user_id int, role text NOT NULL, PRIMARY KEY (group_id, user_id));
                        INSERT INTO memberships SELECT g % 400, g, 'member' FROM generate_series(1, 110000) g;
                        CREATE TABLE counters (id int PRIMARY KEY, hits bigint NOT NULL);
                        INSERT INTO counters SELECT g, 1 FROM generate_series(1, 120000) g;
                        CREATE TABLE events (kind text NOT NULL, n int NOT NULL);
                        INSERT INTO events SELECT 'k' || g % 7, g FROM generate_series(1, 2000) g;
                        ANALYZE;
                        """);
    }

    @AfterAll
    static void drop() {
        TestDatabases.drop(source);
    }

    @Test
    void anExactCopyIsIdenticalSegmentBySegment() throws Exception {
        String target = copy();
        try {
            List<String> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
            VerificationReport report = verifier.verify(connection(source), connection(target), progress::add);
            assertThat(report.mismatches()).isEmpty();
            assertThat(report.source()).filteredOn(s -> s.table().name().equals("accounts"))
                .singleElement()
                .satisfies(s -> assertThat(s.rows()).isEqualTo(160000));
            try (var c = TestDatabases.connect(source)) {
                assertThat(SegmentPlanner.plan(c, List.of(new TableRef("public", "accounts")))
                    .get(new TableRef("public", "accounts"))
                    .segments()).as("160,000 rows in segments of about 50,000").isBetween(3, 4);
            }
        }
        finally {
            TestDatabases.drop(target);
        }
    }

    @Test
    void aChangedADeletedAndAnExtraRowAreNamedByKeyWithBothSidesValues() throws Exception {
        String target = copy();
        try {
            TestDatabases.execute(target, """
                    UPDATE accounts SET balance = 77 WHERE id = 800000;
                    DELETE FROM accounts WHERE id = 6;
                    INSERT INTO accounts VALUES (1000000000, 'intruder', 1);
                    UPDATE tags SET uses = -1 WHERE name = md5('4242');
                    DELETE FROM memberships WHERE group_id = 17 AND user_id = 100017;
                    UPDATE events SET n = -n WHERE n = 1234;
                    """);
            VerificationReport report = verifier.verify(connection(source), connection(target), line -> {
            });
            assertThat(report.passed()).isFalse();
            assertThat(report.mismatches()).filteredOn(Mismatch::blocking)
                .extracting(Mismatch::object, Mismatch::difference)
                .contains(org.assertj.core.groups.Tuple.tuple("public.accounts (id = 6)", "row missing on target"),
                        org.assertj.core.groups.Tuple.tuple("public.accounts (id = 800000)", "row differs"),
                        org.assertj.core.groups.Tuple.tuple("public.accounts (id = 1000000000)", "row only on target"),
                        org.assertj.core.groups.Tuple.tuple("public.tags (name = " + md5("4242") + ")", "row differs"),
                        org.assertj.core.groups.Tuple.tuple("public.memberships ((group_id, user_id) = (17,100017))",
                                "row missing on target"),
                        org.assertj.core.groups.Tuple.tuple("public.events", "content checksum"));
            assertThat(report.mismatches()).filteredOn(m -> m.object().equals("public.accounts (id = 800000)"))
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.source()).isEqualTo("(800000,\"owner 100000\",0.00)");
                    assertThat(m.target()).isEqualTo("(800000,\"owner 100000\",77.00)");
                });
            assertThat(report.mismatches()).filteredOn(m -> m.object().equals("public.accounts (id = 6)"))
                .singleElement()
                .satisfies(m -> assertThat(m.target()).isEqualTo("—"));
            assertThat(report.mismatches()).filteredOn(m -> m.object().startsWith("public.accounts (")).hasSize(3);
        }
        finally {
            TestDatabases.drop(target);
        }
    }

    /**
     * PostgreSQL's bigint hash folds the high half into the low one, so 1 and 2^32 hash
     * alike in a record hash; the column chain hashes the high half too, and every
     * segment read sums the chain, so the row is still named.
     */
    @Test
    void aBigintChangedFromOneToTwoToTheThirtySecondIsNamedByKeyInItsSegment() throws Exception {
        String target = copy();
        try {
            TestDatabases.execute(target, "UPDATE counters SET hits = 4294967296 WHERE id = 4242");
            try (var c = TestDatabases.connect(source)) {
                assertThat(SegmentPlanner.plan(c, List.of(new TableRef("public", "counters")))
                    .get(new TableRef("public", "counters"))
                    .segments()).as("120,000 rows are read in segments, not whole").isGreaterThan(1);
            }
            VerificationReport report = verifier.verify(connection(source), connection(target), line -> {
            });
            assertThat(report.passed()).isFalse();
            assertThat(report.mismatches()).filteredOn(m -> m.object().startsWith("public.counters"))
                .extracting(Mismatch::object, Mismatch::difference)
                .contains(org.assertj.core.groups.Tuple.tuple("public.counters (id = 4242)", "row differs"));
            assertThat(report.mismatches()).filteredOn(m -> m.object().equals("public.counters (id = 4242)"))
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.source()).isEqualTo("(4242,1)");
                    assertThat(m.target()).isEqualTo("(4242,4294967296)");
                });
        }
        finally {
            TestDatabases.drop(target);
        }
    }

    private static String md5(String s) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(s.getBytes()));
    }

    private static String copy() {
        String target = TestDatabases.create("segments_tgt");
        TestDatabases.drop(target);
        TestDatabases.execute("postgres", "CREATE DATABASE " + target + " TEMPLATE " + source);
        return target;
    }

    private static ExecutionValues.Connection connection(String database) {
        return new ExecutionValues.Connection(ConnectionUrl.parse(TestDatabases.url(database)).url(), Optional.empty());
    }

}
