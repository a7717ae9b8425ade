package io.cutover.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.TestDatabases;
import io.cutover.migration.ExecutionValues;
import io.cutover.shared.ConnectionUrl;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the drain promises before the cutover stops the stream: when it reports success,
 * the target has committed every transaction the source committed before writes stopped,
 * also the asynchronous commits (synchronous_commit = off, as on the test servers) still
 * in the source's WAL buffers, and also while the applier has received rows but not yet
 * committed them.
 */
class SyncDrainGuaranteeTest {

    private static final int ROUNDS = 10;

    private static final int TRANSACTIONS = 3;

    private static final int ROWS = 100;

    private String source;

    private String target;

    @BeforeEach
    void databases() {
        source = TestDatabases.create("drainsrc");
        target = TestDatabases.create("draintgt");
        for (String db : List.of(source, target)) {
            TestDatabases.execute(db, "CREATE TABLE items (id int PRIMARY KEY, note text NOT NULL)");
        }
    }

    @AfterEach
    void drop() {
        TestDatabases.drop(source);
        TestDatabases.drop(target);
    }

    @Test
    void theFinalPositionCoversCommitsTheWalWriterHasNotWrittenYet() throws Exception {
        try (Connection app = TestDatabases.connect(source);
                Statement st = app.createStatement();
                Connection drain = TestDatabases.connect(source)) {
            st.execute("SET synchronous_commit = off");
            for (int round = 1; round <= ROUNDS; round++) {
                st.execute("INSERT INTO items VALUES (" + round + ", 'async')");
                // In the app's session right after its commit: at or past the end of its
                // commit record.
                long committed = PgOutput.lsn(SyncFixture.scalar(app, "SELECT pg_current_wal_insert_lsn()::text"));

                long goal = DrainPosition.finalPosition(drain);

                assertThat(goal)
                    .as("round %d: the drain's goal %s covers the commit ending at %s", round, PgOutput.lsn(goal),
                            PgOutput.lsn(committed))
                    .isGreaterThanOrEqualTo(committed);
            }
        }
    }

    @Test
    void theDrainIsNotReachedUntilTheTargetHasCommittedTheRows() throws Exception {
        String slot = "drain_" + source;
        String publication = "drain_pub";
        TestDatabases.execute(source, "CREATE PUBLICATION " + publication + " FOR TABLE items");
        String consistent;
        try (Connection replication = SourceSlot.openReplication(connection(source), Duration.ofSeconds(10))) {
            consistent = SourceSlot.createSlot(replication, slot).consistentLsn();
        }
        try (Connection tgt = TestDatabases.connect(target)) {
            AppliedPosition.install(tgt, slot, consistent);
        }
        SyncStream stream = new SyncStream(1, SyncMode.PANEL, SyncState.STREAMING, slot, publication, consistent, null,
                null, null, null, null, null);
        SyncProperties properties = new SyncProperties(Duration.ofSeconds(1), 16_777_216, 20_000,
                Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofMinutes(5),
                Duration.ofSeconds(2));
        List<String> errors = new CopyOnWriteArrayList<>();
        ChangeApplier applier = new ChangeApplier(1, stream, connection(source), connection(target), properties,
                new TouchedKeys(), e -> {
                    if (e != null) {
                        errors.add(e);
                    }
                });
        CountDownLatch received = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        // Holds the first group between its receipt and its target commit, as a slow
        // target would.
        applier.beforeTargetCommit(() -> {
            if (first.getAndSet(false)) {
                received.countDown();
                await(release);
            }
        });
        Thread thread = new Thread(applier, "drain-test-applier");
        thread.start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> applier.progress().connected);
            long lastCommit;
            try (Connection app = TestDatabases.connect(source); Statement st = app.createStatement()) {
                st.execute("SET synchronous_commit = off");
                for (int t = 0; t < TRANSACTIONS; t++) {
                    st.execute("INSERT INTO items SELECT g, 'row ' || g FROM generate_series(" + (t * ROWS + 1) + ", "
                            + ((t + 1) * ROWS) + ") g");
                }
                lastCommit = PgOutput.lsn(SyncFixture.scalar(app, "SELECT pg_current_wal_insert_lsn()::text"));
            }
            try (Connection src = TestDatabases.connect(source); Connection tgt = TestDatabases.connect(target)) {
                long goal = DrainPosition.finalPosition(src);
                assertThat(goal).as("the writes stopped at %s", PgOutput.lsn(lastCommit))
                    .isGreaterThanOrEqualTo(lastCommit);
                assertThat(received.await(30, TimeUnit.SECONDS)).as("the applier received the rows").isTrue();
                // Other databases' WAL moves the source on meanwhile: keepalives for the
                // applier to read later.
                TestDatabases.execute("postgres",
                        "CREATE TEMPORARY TABLE keepalive_traffic AS SELECT g FROM generate_series(1, 10000) g");

                assertThat(DrainPosition.reached(src, slot, Optional.of(applier.progress())))
                    .as("received, not committed on the target")
                    .isLessThan(goal);
                assertThat(SyncFixture.scalar(tgt, "SELECT count(*) FROM items")).isEqualTo("0");

                release.countDown();
                Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> DrainPosition.reached(src, slot, Optional.of(applier.progress())) >= goal);

                assertThat(SyncFixture.scalar(tgt,
                        "SELECT count(*) || ' rows, ids ' || min(id) || '-' || max(id) FROM items"))
                    .isEqualTo(TRANSACTIONS * ROWS + " rows, ids 1-" + TRANSACTIONS * ROWS);
                assertThat(errors).isEmpty();
            }
        }
        finally {
            release.countDown();
            applier.stop();
            thread.join(TimeUnit.SECONDS.toMillis(30));
            try (Connection src = TestDatabases.connect(source)) {
                Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> "f".equals(SyncFixture.scalar(src,
                            "SELECT active FROM pg_replication_slots WHERE slot_name = '" + slot + "'")));
            }
            TestDatabases.execute(source, "SELECT pg_drop_replication_slot('" + slot + "')");
        }
    }

    private static ExecutionValues.Connection connection(String database) {
        return new ExecutionValues.Connection(ConnectionUrl.parse(TestDatabases.url(database)).url(), Optional.empty());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
