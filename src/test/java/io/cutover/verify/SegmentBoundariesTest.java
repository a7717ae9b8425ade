package io.cutover.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every row belongs to exactly one segment: the segments' key ranges add up to the table
 * (no row in two ranges, none in no range), and the segment a scan puts a row in (the
 * server's {@code width_bucket}) is the one whose range holds it. On real PostgreSQL, for
 * keys whose text order is not their order: integers of every length with gaps, negative
 * ones, text in mixed case and digits, a composite key, a timestamp.
 */
class SegmentBoundariesTest {

    static String database;

    @BeforeAll
    static void tables() {
        database = TestDatabases.create("boundaries");
        TestDatabases.execute(database, """
                CREATE TABLE squares (id bigint PRIMARY KEY);
                INSERT INTO squares SELECT g::bigint * g FROM generate_series(1, 130000) g;
                CREATE TABLE signed (id int PRIMARY KEY);
                INSERT INTO signed SELECT g * 7 FROM generate_series(-65000, 65000) g;
                CREATE TABLE words (name text PRIMARY KEY);
                INSERT INTO words SELECT CASE g % 3 WHEN 0 THEN upper(md5(g::text)) WHEN 1 THEN g::text
                    ELSE 'x' || md5(g::text) END FROM generate_series(1, 120000) g;
                CREATE TABLE pairs (group_id int, user_id int, PRIMARY KEY (group_id, user_id));
                INSERT INTO pairs SELECT (g % 1500) * (g % 1500), g FROM generate_series(1, 120000) g;
                CREATE TABLE moments (at timestamptz PRIMARY KEY);
                INSERT INTO moments SELECT timestamptz '1999-12-31 23:00:00+00' + g * interval '17 minutes'
                    FROM generate_series(1, 110000) g;
                ANALYZE;
                """);
    }

    @AfterAll
    static void drop() {
        TestDatabases.drop(database);
    }

    @ParameterizedTest
    @ValueSource(strings = { "squares", "signed", "words", "pairs", "moments" })
    void eachRowIsInExactlyOneSegment(String name) throws SQLException {
        TableRef table = new TableRef("public", name);
        try (Connection c = TestDatabases.connect(database); Statement st = c.createStatement()) {
            Segmentation plan = SegmentPlanner.plan(c, List.of(table)).get(table);
            assertThat(plan.segments()).as("a table of over 100,000 rows is cut").isGreaterThan(1);
            long total = count(st, "SELECT count(*) FROM " + table.quoted());
            long inRanges = 0;
            for (int i = 0; i < plan.segments(); i++) {
                long inRange = count(st,
                        "SELECT count(*) FROM " + table.quoted() + " AS t WHERE " + plan.rangeCondition(i));
                assertThat(inRange).as("rows of " + plan.describe(i) + " the scan puts elsewhere")
                    .isEqualTo(count(st, "SELECT count(*) FROM " + table.quoted() + " AS t WHERE "
                            + plan.rangeCondition(i) + " AND " + plan.segmentExpression() + " = " + i));
                inRanges += inRange;
            }
            assertThat(inRanges).as("the segments' counts add up to count(*)").isEqualTo(total);
            assertThat(count(st, "SELECT count(*) FROM " + table.quoted() + " AS t WHERE " + plan.segmentExpression()
                    + " NOT BETWEEN 0 AND " + (plan.segments() - 1)))
                .isZero();
        }
    }

    /**
     * Inside the downtime the segments of integer keys are found without a round trip:
     * for every key of the table, and for values on, beside and beyond each boundary, the
     * same segment as the server's.
     */
    @ParameterizedTest
    @ValueSource(strings = { "squares", "signed", "pairs" })
    void integerKeysFallInTheSegmentTheServerPutsThemIn(String name) throws SQLException {
        TableRef table = new TableRef("public", name);
        try (Connection c = TestDatabases.connect(database); Statement st = c.createStatement()) {
            Segmentation plan = SegmentPlanner.plan(c, List.of(table)).get(table);
            java.util.Map<String, Integer> server = new java.util.HashMap<>();
            String column = TableRef.quote(plan.segmentColumn());
            String values = "SELECT " + column + "::bigint AS v FROM " + table.quoted()
                    + " UNION SELECT b + d FROM unnest('" + "{" + String.join(",", plan.boundaries())
                    + "}'::bigint[]) b, (VALUES (-1), (0), (1)) x(d)" + " UNION VALUES (-2147483648), (2147483647)";
            try (ResultSet rs = st.executeQuery("SELECT v::text, "
                    + plan.segmentExpression().replace(plan.keyExpression(), "t.v::" + plan.type()) + " FROM (" + values
                    + ") t" + (plan.type().equals("bigint") ? "" : " WHERE t.v BETWEEN -2147483648 AND 2147483647"))) {
                while (rs.next()) {
                    server.put(rs.getString(1), rs.getInt(2));
                }
            }
            assertThat(server).as("every key and the values around each boundary").hasSizeGreaterThan(1000);
            for (var e : server.entrySet()) {
                assertThat(TouchedSegments.integers(plan, java.util.Set.of(e.getKey()))).as(e.getKey())
                    .containsExactly(e.getValue());
            }
        }
    }

    private static long count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

}
