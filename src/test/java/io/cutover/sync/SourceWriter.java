package io.cutover.sync;

import io.cutover.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.awaitility.Awaitility;

/**
 * The app, writing to the source in small transactions while the sync copies and streams:
 * inserts, updates (of a trigger-watched column, of TOASTed rows leaving the big value
 * unchanged, of a composite key), deletes, on every table shape of {@link SyncFixture}.
 */
final class SourceWriter implements AutoCloseable {

    /**
     * Load pacing, not synchronisation: a few hundred transactions a second leave CPU for
     * the panel.
     */
    private static final long PACE_NANOS = Duration.ofMillis(2).toNanos();

    private final String database;

    private final AtomicLong committed = new AtomicLong();

    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private final Thread thread;

    private volatile boolean running = true;

    private SourceWriter(String database) {
        this.database = database;
        this.thread = new Thread(this::loop, "source-writer");
    }

    static SourceWriter start(String database) {
        SourceWriter w = new SourceWriter(database);
        w.thread.start();
        return w;
    }

    long committed() {
        return committed.get();
    }

    /** Waits until at least this many more transactions have committed. */
    void awaitMore(long transactions) {
        long goal = committed.get() + transactions;
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> committed.get() >= goal || failure.get() != null);
        check();
    }

    private void loop() {
        SplittableRandom random = new SplittableRandom(42);
        try (Connection c = TestDatabases.connect(database); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            long i = 0;
            while (running) {
                for (String sql : transaction(i++, random)) {
                    st.execute(sql);
                }
                c.commit();
                committed.incrementAndGet();
                LockSupport.parkNanos(PACE_NANOS);
            }
        }
        catch (SQLException | RuntimeException e) {
            failure.set(e);
        }
    }

    private static String[] transaction(long i, SplittableRandom r) {
        int id = r.nextInt(1, 5000 + (int) i / 7 + 2);
        int group = r.nextInt(0, 40);
        int user = r.nextInt(1, 4000);
        return switch ((int) (i % 8)) {
            case 0 -> new String[] { "INSERT INTO accounts (owner, balance, meta) VALUES ('new " + i + "', " + (i % 500)
                    + ", " + (i % 16 == 0 ? "jsonb_build_object('bio', repeat(md5('" + i + "'), 200))" : "'{}'")
                    + ")" };
            case 1 -> new String[] { "UPDATE accounts SET balance = balance + 1 WHERE id = " + id,
                    "UPDATE accounts SET balance = balance - 1 WHERE id = " + (id + 1) };
            case 2 -> new String[] { "DELETE FROM accounts WHERE id = " + id };
            case 3 -> new String[] { "INSERT INTO memberships VALUES (" + group + ", " + user
                    + ", 'member') ON CONFLICT (group_id, user_id) DO UPDATE SET role = 'owner'" };
            case 4 -> new String[] { "DELETE FROM memberships WHERE group_id = " + group + " AND user_id = " + user };
            case 5 -> new String[] { "UPDATE memberships SET user_id = user_id + 100000 WHERE group_id = " + group
                    + " AND user_id = " + user };
            case 6 -> new String[] { "INSERT INTO events VALUES (now(), 'write', md5('" + i + "'))",
                    "UPDATE events SET payload = 'seen' WHERE ctid = (SELECT ctid FROM events WHERE kind = 'seed' ORDER BY at LIMIT 1)" };
            default -> new String[] {
                    "DELETE FROM events WHERE ctid = (SELECT ctid FROM events WHERE kind = 'write' ORDER BY at LIMIT 1)",
                    "UPDATE accounts SET owner = owner || '.' WHERE id = " + id };
        };
    }

    private void check() {
        if (failure.get() != null) {
            throw new AssertionError("The source writer failed", failure.get());
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        check();
    }

}
