package io.cutover.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Trigger capture on a cluster whose role is neither superuser nor replication role
 * (MPG's fly-user), and its replay onto Flex: every kind of change, tables with and
 * without a key, an identity and a generated column, a truncate, and sequences moved up.
 */
class CaptureReplayTest {

    private static final String SCHEMA = """
            CREATE TABLE items (id bigserial PRIMARY KEY, name text NOT NULL, n int, twice int GENERATED ALWAYS AS (n * 2) STORED);
            CREATE TABLE tags (label text, weight int);
            CREATE TABLE notes (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body text);
            INSERT INTO items (name, n) SELECT 'item ' || i, i FROM generate_series(1, 5) i;
            INSERT INTO tags VALUES ('a', 1), ('a', 1), ('b', 2);
            INSERT INTO notes (body) VALUES ('first'), ('second');
            """;

    private final String role = "fly_user_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);

    private String cluster;

    private String flex;

    @BeforeEach
    void databases() {
        TestDatabases.execute("postgres", "CREATE ROLE " + role + " LOGIN NOSUPERUSER NOREPLICATION NOCREATEROLE");
        cluster = TestDatabases.create("capture_mpg");
        flex = TestDatabases.create("capture_flex");
        TestDatabases.execute("postgres", "ALTER DATABASE " + cluster + " OWNER TO " + role);
        TestDatabases.execute(cluster, "ALTER SCHEMA public OWNER TO " + role);
        TestDatabases.execute(flex, SCHEMA);
    }

    @AfterEach
    void drop() {
        TestDatabases.drop(cluster);
        TestDatabases.drop(flex);
        TestDatabases.execute("postgres", "DROP ROLE IF EXISTS " + role);
    }

    @Test
    void everyChangeOnTheClusterReachesFlexAndFlexThenEqualsTheCluster() throws Exception {
        try (Connection mpg = connect(cluster, role);
                Connection src = TestDatabases.connect(flex);
                Statement app = mpg.createStatement()) {
            app.execute(SCHEMA);
            assertThat(CaptureSchema.install(mpg)).containsExactly("public.items", "public.notes", "public.tags");

            app.execute("INSERT INTO items (name, n) VALUES ('new', 10), ('newer', 11)");
            app.execute("UPDATE items SET n = n + 100, name = 'changed' WHERE id IN (2, 6)");
            app.execute("DELETE FROM items WHERE id = 3");
            app.execute("UPDATE tags SET weight = 5 WHERE ctid = (SELECT ctid FROM tags WHERE label = 'a' LIMIT 1)");
            app.execute("DELETE FROM tags WHERE label = 'b'");
            app.execute("TRUNCATE notes");
            app.execute("INSERT INTO notes (body) VALUES ('after the truncate')");
            long[] captured = CaptureSchema.captured(mpg);
            assertThat(captured[0]).isEqualTo(2 + 2 + 1 + 1 + 1 + 1 + 1);

            CaptureSchema.freeze(mpg);
            assertThatThrownBy(() -> app.execute("INSERT INTO items (name) VALUES ('while frozen')"))
                .hasMessageContaining("frozen for a rollback to the old database");

            ReverseReplay.Replayed replayed = ReverseReplay.run(mpg, src, captured[1], line -> {
            });

            assertThat(replayed.changes()).isEqualTo(captured[0]);
            // The refused insert took id 8 before its row was refused: sequences move up
            // to the cluster's value, used or not.
            assertThat(replayed.sequencesMoved()).containsExactlyInAnyOrder("public.items_id_seq: 5 -> 8",
                    "public.notes_id_seq: 2 -> 3");
            for (String table : List.of("items ORDER BY id", "tags ORDER BY label, weight", "notes ORDER BY id")) {
                assertThat(rows(src, table)).as(table).isEqualTo(rows(mpg, table));
            }
            assertThat(rows(src, "items ORDER BY id")).contains("6|changed|110|220");
            assertThat(CaptureSchema.remove(mpg)).isEqualTo(3);
            assertThat(CaptureSchema.installed(mpg)).isFalse();
        }
    }

    private static List<String> rows(Connection c, String tableAndOrder) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + tableAndOrder)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(rs.getString(i));
                }
                rows.add(String.join("|", values));
            }
        }
        return rows;
    }

    private static Connection connect(String database, String user) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        return DriverManager.getConnection(TestDatabases.server().jdbcUrl(database), props);
    }

}
