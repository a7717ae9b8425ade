package io.cutover.freeze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cutover.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The freeze on a real PostgreSQL server, for both strategies: the full re-dump's proof
 * judges by the counters alone, continuous sync's also by a decoding slot. A worker role
 * keeps writing while the app is down; the freeze must stop it, and only a write after
 * the freeze may fail the proof.
 */
class SourceFreezeTest {

    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);

    private final String worker = "worker_" + suffix;

    private final String reader = "reader_" + suffix;

    private String database;

    private final List<Connection> opened = new ArrayList<>();

    @BeforeEach
    void source() {
        database = TestDatabases.create("freeze");
        TestDatabases.execute("postgres",
                "CREATE ROLE " + worker + " LOGIN CREATEDB CONNECTION LIMIT 7 VALID UNTIL '2031-01-01' PASSWORD NULL");
        TestDatabases.execute("postgres", "ALTER ROLE " + worker + " SET work_mem = '8MB'");
        TestDatabases.execute("postgres", "CREATE ROLE " + reader + " LOGIN");
        TestDatabases.execute(database, "CREATE TABLE jobs (id bigserial PRIMARY KEY, note text NOT NULL)");
        TestDatabases.execute(database, "GRANT INSERT, SELECT ON jobs TO " + worker);
        TestDatabases.execute(database, "GRANT USAGE ON SEQUENCE jobs_id_seq TO " + worker);
        TestDatabases.execute(database, "GRANT SELECT ON jobs TO " + reader);
    }

    @AfterEach
    void drop() throws SQLException {
        for (Connection c : opened) {
            c.close();
        }
        TestDatabases.drop(database);
        TestDatabases.execute("postgres", "DROP ROLE IF EXISTS " + worker);
        TestDatabases.execute("postgres", "DROP ROLE IF EXISTS " + reader);
    }

    @ParameterizedTest(name = "decoding slot: {0}")
    @ValueSource(booleans = { false, true })
    void theFreezeStopsAWorkerThatKeepsWritingAndTheProofPasses(boolean continuousSync) throws Exception {
        AtomicLong written = new AtomicLong();
        AtomicReference<String> refused = new AtomicReference<>();
        Thread writer = keepWriting(written, refused);
        try (Connection panel = panel()) {
            FreezePoint before = FreezePoint.read(panel);
            await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(FreezePoint.read(panel).writesSince(before))
                    .as("before the freeze the worker's writes show")
                    .anySatisfy(w -> assertThat(w).startsWith("public.jobs: ")));

            SourceFreeze.Frozen frozen = SourceFreeze.apply(panel, slot(continuousSync), "migration 1", List.of(),
                    line -> {
                    });

            assertThat(frozen.blocked()).extracting(RoleState::name)
                .contains(worker)
                .doesNotContain(reader, "postgres");
            assertThat(frozen.blocked()).filteredOn(r -> r.name().equals(worker))
                .singleElement()
                .extracting(RoleState::reason)
                .isEqualTo("may change tables");
            assertThat(frozen.ended()).extracting(EndedSession::role).contains(worker);
            assertThat(frozen.ended()).filteredOn(s -> s.role().equals(worker))
                .first()
                .extracting(EndedSession::application)
                .isEqualTo("oban-worker");
            await().atMost(Duration.ofSeconds(10)).until(() -> refused.get() != null);
            assertThat(refused.get()).contains("not permitted to log in");
            long afterFreeze = written.get();

            FreezeProof.Result proof = FreezeProof.check(panel, frozen.point(), frozen.slot(), Set.of());
            assertThat(proof.writes()).isEmpty();
            assertThat(proof.holds()).isTrue();
            assertThat(proof.decodedTransactions()).isZero();
            assertThat(written.get()).isEqualTo(afterFreeze);
            SourceFreeze.lift(panel, frozen.blocked(), frozen.slot(), line -> {
            });
        }
        finally {
            writer.interrupt();
            writer.join();
        }
    }

    @ParameterizedTest(name = "decoding slot: {0}")
    @ValueSource(booleans = { false, true })
    void aWriteAfterTheFreezeFailsTheProofAndNamesItsRoleAndApplication(boolean continuousSync) throws Exception {
        try (Connection panel = panel()) {
            SourceFreeze.Frozen frozen = SourceFreeze.apply(panel, slot(continuousSync), "migration 2", List.of(),
                    line -> {
                    });
            // The panel's own role cannot be blocked: a cron job that shares it logs in
            // after the freeze.
            Connection cron = connect("postgres", "nightly-cron");
            try (Statement st = cron.createStatement()) {
                st.execute("INSERT INTO jobs (note) VALUES ('after the freeze')");
            }

            FreezeProof.Result proof = FreezeProof.check(panel, frozen.point(), frozen.slot(), Set.of());
            assertThat(proof.holds()).isFalse();
            assertThat(proof.writers())
                .containsExactly("role postgres (application_name nightly-cron, from 127.0.0.1/32)");
            if (continuousSync) {
                assertThat(proof.writes()).anySatisfy(w -> assertThat(w)
                    .matches("transaction \\d+ committed after the freeze: INSERT public\\.jobs"));
            }
            cron.close();
            await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(FreezeProof.check(panel, frozen.point(), frozen.slot(), Set.of()).writes())
                            .as("the counters alone show the write once the cron job has gone")
                            .contains("public.jobs: 1 rows inserted")
                            .contains("sequence public.jobs_id_seq: never used -> 1"));
            SourceFreeze.lift(panel, frozen.blocked(), frozen.slot(), line -> {
            });
        }
    }

    @ParameterizedTest(name = "decoding slot: {0}")
    @ValueSource(booleans = { false, true })
    void unfreezeRestoresTheExactAttributesAndGrants(boolean continuousSync) throws Exception {
        try (Connection panel = panel()) {
            List<RoleState> before = RoleState.read(panel, List.of(worker, reader));
            String grants = SourceFreeze.grants(panel);
            SourceFreeze.Frozen frozen = SourceFreeze.apply(panel, slot(continuousSync), "migration 3", List.of(),
                    line -> {
                    });
            assertThat(RoleState.read(panel, List.of(worker)).get(0).canLogin()).isFalse();
            assertThatThrownBy(() -> connect(worker, "oban-worker")).hasMessageContaining("is not permitted to log in");

            SourceFreeze.lift(panel, frozen.blocked(), frozen.slot(), line -> {
            });

            assertThat(RoleState.read(panel, List.of(worker, reader))).isEqualTo(before);
            assertThat(before.get(1).attributes()).isEqualTo("LOGIN CREATEDB CONNECTION LIMIT 7");
            assertThat(before.get(1).config()).isEqualTo("work_mem=8MB");
            assertThat(SourceFreeze.notRestored(panel, frozen.blocked())).isEmpty();
            assertThat(SourceFreeze.grants(panel)).isEqualTo(grants);
            assertThat(SourceFreeze.scalar(panel,
                    "SELECT count(*) FROM pg_replication_slots WHERE slot_name LIKE 'cutover_freeze_" + suffix + "'"))
                .isEqualTo("0");
            try (Connection again = connect(worker, "oban-worker"); Statement st = again.createStatement()) {
                assertThat(st.executeUpdate("INSERT INTO jobs (note) VALUES ('after the unfreeze')")).isEqualTo(1);
            }
        }
    }

    @ParameterizedTest(name = "decoding slot: {0}")
    @ValueSource(booleans = { false, true })
    void aTemporaryTableOfThePanelOnTheFrozenSourceIsNoChangeOfGrants(boolean continuousSync) throws Exception {
        try (Connection panel = panel()) {
            String grants = SourceFreeze.grants(panel);
            SourceFreeze.Frozen frozen = SourceFreeze.apply(panel, slot(continuousSync), "migration 4", List.of(),
                    line -> {
                    });
            // As the drain's flush does, but kept until the unfreeze's check: its schema
            // and its table are in the catalog then.
            Connection drain = connect("postgres", "cutover-sync");
            try (Statement st = drain.createStatement()) {
                st.execute("CREATE TEMPORARY TABLE cutover_drain_flush (id int)");
            }

            SourceFreeze.lift(panel, frozen.blocked(), frozen.slot(), line -> {
            });

            assertThat(SourceFreeze.scalar(panel,
                    "SELECT count(*) FROM pg_class WHERE relname = 'cutover_drain_flush' AND relpersistence = 't'"))
                .isEqualTo("1");
            assertThat(SourceFreeze.grants(panel)).isEqualTo(grants);
            assertThat(SourceFreeze.notRestored(panel, frozen.blocked())).isEmpty();
        }
    }

    private String slot(boolean continuousSync) {
        return continuousSync ? "cutover_freeze_" + suffix : null;
    }

    private Connection panel() throws SQLException {
        return connect("postgres", "cutover-freeze");
    }

    private Connection connect(String role, String application) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", role);
        props.setProperty("ApplicationName", application);
        Connection c = DriverManager.getConnection(TestDatabases.server().jdbcUrl(database), props);
        opened.add(c);
        return c;
    }

    /**
     * The worker group: inserts in a loop, reconnecting after its session is ended, until
     * it may not log in.
     */
    private Thread keepWriting(AtomicLong written, AtomicReference<String> refused) {
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted() && refused.get() == null) {
                try (Connection c = connect(worker, "oban-worker"); Statement st = c.createStatement()) {
                    while (!Thread.currentThread().isInterrupted()) {
                        st.execute("INSERT INTO jobs (note) VALUES ('job')");
                        written.incrementAndGet();
                    }
                }
                catch (SQLException e) {
                    if (e.getMessage().contains("not permitted to log in")) {
                        refused.set(e.getMessage());
                    }
                }
            }
        }, "worker-group");
        t.start();
        return t;
    }

}
