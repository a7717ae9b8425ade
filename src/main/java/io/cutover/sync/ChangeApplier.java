package io.cutover.sync;

import io.cutover.migration.ExecutionValues;
import io.cutover.sync.PgOutput.Begin;
import io.cutover.sync.PgOutput.Commit;
import io.cutover.sync.PgOutput.Delete;
import io.cutover.sync.PgOutput.Insert;
import io.cutover.sync.PgOutput.Message;
import io.cutover.sync.PgOutput.Relation;
import io.cutover.sync.PgOutput.Truncate;
import io.cutover.sync.PgOutput.Update;
import io.cutover.verify.PgSession;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The panel-applied stream of one migration: reads the slot's pgoutput messages and
 * applies each source transaction on the target, in commit order. Several small source
 * transactions share one target commit (fewer fsyncs, so it keeps up with a busy source);
 * the commit also records the source position reached. Only positions durably committed
 * on the target are confirmed to the source, so after a crash or kill the slot sends
 * again exactly what the target lacks, and a transaction the target already has
 * (committed just before the confirmation was lost) is skipped.
 */
final class ChangeApplier implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ChangeApplier.class);

    private final long migrationId;

    private final String slot;

    private final String publication;

    private final ExecutionValues.Connection source;

    private final ExecutionValues.Connection target;

    private final SyncProperties properties;

    private final Consumer<String> errors;

    private final TouchedKeys touched;

    private final ApplierProgress progress = new ApplierProgress();

    private volatile boolean running = true;

    private volatile Thread thread;

    private volatile Hold hold;

    private volatile Runnable beforeTargetCommit = () -> {
    };

    ChangeApplier(long migrationId, SyncStream stream, ExecutionValues.Connection source,
            ExecutionValues.Connection target, SyncProperties properties, TouchedKeys touched,
            Consumer<String> errors) {
        this.touched = touched;
        this.migrationId = migrationId;
        this.slot = stream.slotName();
        this.publication = stream.publicationName();
        this.source = source;
        this.target = target;
        this.properties = properties;
        this.errors = errors;
    }

    ApplierProgress progress() {
        return progress;
    }

    /**
     * Asks the loop to stop; what it has not committed is rolled back and sent again
     * after a restart.
     */
    void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /**
     * A pause at a source position: the applier applies every transaction committed
     * before it, commits, and waits there until released, so the target is exactly the
     * source as of that position while someone takes a snapshot of it (the online
     * verification).
     */
    static final class Hold {

        final long at;

        final java.util.concurrent.CompletableFuture<Long> reached = new java.util.concurrent.CompletableFuture<>();

        final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);

        Hold(long at) {
            this.at = at;
        }

    }

    /**
     * Runs on the applier's thread after a group is received and before its target commit
     * (tests hold it there).
     */
    void beforeTargetCommit(Runnable hook) {
        beforeTargetCommit = hook;
    }

    /**
     * Asks the applier to hold before the first transaction committed at or after
     * {@code lsn}.
     */
    Hold holdAt(long lsn) {
        Hold h = new Hold(lsn);
        hold = h;
        return h;
    }

    /**
     * Holds here when a hold is asked for and everything before its position is
     * committed; at most a minute.
     */
    private void holdIfReached(long committedPosition, long nextCommit) throws InterruptedException {
        Hold h = hold;
        if (h == null || nextCommit < h.at) {
            return;
        }
        hold = null;
        h.reached.complete(committedPosition);
        h.release.await(60, TimeUnit.SECONDS);
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        long delay = properties.retryDelay().toMillis();
        while (running) {
            try {
                stream();
            }
            catch (Exception e) {
                progress.connected = false;
                if (!running) {
                    break;
                }
                String message = "The sync applier stopped: " + ApplyFailure.describe(e) + " — retrying in "
                        + delay / 1000 + " s";
                // Not the exception itself: its message and causes can quote rows, and
                // the panel's log is no place for them.
                log.warn("Migration {}: {}", migrationId, message);
                progress.lastError = message;
                errors.accept(message);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(delay));
                delay = Math.min(delay * 2, 60_000);
            }
        }
        progress.connected = false;
    }

    private void stream() throws Exception {
        try (Connection tgt = PgSession.open(target, properties.connectTimeout(),
                java.util.Map.of("ApplicationName", SourceSlot.APPLICATION));
                Connection repl = SourceSlot.openReplication(source, properties.connectTimeout())) {
            String stored = AppliedPosition.read(tgt, slot);
            if (stored == null) {
                throw new IllegalStateException("the target has no applied position for slot " + slot + " (schema "
                        + AppliedPosition.SCHEMA + " missing)");
            }
            long position = PgOutput.lsn(stored);
            PGReplicationStream stream = repl.unwrap(PGConnection.class)
                .getReplicationAPI()
                .replicationStream()
                .logical()
                .withSlotName(slot)
                .withStartPosition(LogSequenceNumber.valueOf(position))
                .withSlotOption("proto_version", "1")
                .withSlotOption("publication_names", publication)
                .withStatusInterval(1, TimeUnit.SECONDS)
                // Else the driver confirms keepalive positions itself, even with a
                // transaction received
                // but not committed on the target: only commit() and confirmIdle() may
                // confirm.
                .withAutomaticFlush(false)
                .start();
            progress.resumedAt(position);
            progress.connected = true;
            if (progress.lastError != null) {
                progress.lastError = null;
                errors.accept(null);
            }
            try (ChangeWriter writer = new ChangeWriter(tgt, slot, touched)) {
                try {
                    apply(stream, writer, position);
                }
                finally {
                    writer.rollback();
                }
            }
        }
    }

    private void apply(PGReplicationStream stream, ChangeWriter writer, long position) throws Exception {
        Group group = new Group();
        boolean inTransaction = false;
        boolean skip = false;
        long confirmed = position;
        while (running) {
            ByteBuffer buffer = stream.readPending();
            if (buffer == null) {
                if (!inTransaction && group.transactions > 0) {
                    position = commit(stream, writer, group);
                    confirmed = Math.max(confirmed, position);
                }
                else if (!inTransaction) {
                    confirmed = confirmIdle(stream, confirmed);
                    // Idle past the hold's position: every transaction committed before
                    // it is applied.
                    holdIfReached(position, stream.getLastReceiveLSN().asLong());
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
                continue;
            }
            Message m = PgOutput.decode(buffer);
            if (m instanceof Begin b) {
                // A loop: while held, a new hold may be asked for (a pause first, then
                // the position a slot was created at), and this transaction may be past
                // it.
                while (hold != null && b.finalLsn() >= hold.at) {
                    if (group.transactions > 0) {
                        position = commit(stream, writer, group);
                        confirmed = Math.max(confirmed, position);
                    }
                    holdIfReached(position, b.finalLsn());
                }
                inTransaction = true;
                // Already on the target: committed there before the confirmation reached
                // the source.
                skip = b.finalLsn() < position;
                progress.transactionStart(b.finalLsn(), stream.getLastReceiveLSN().asLong());
            }
            else if (m instanceof Commit c) {
                inTransaction = false;
                progress.transactionEnd();
                if (!skip) {
                    group.add(c);
                }
                if (group.transactions > 0 && (group.changes >= properties.groupChanges()
                        || group.age().compareTo(properties.groupDelay()) >= 0)) {
                    position = commit(stream, writer, group);
                    confirmed = Math.max(confirmed, position);
                }
            }
            else if (m instanceof Relation r) {
                writer.relation(r);
            }
            else if (m instanceof Insert i) {
                change(skip, group, stream, () -> writer.insert(i));
            }
            else if (m instanceof Update u) {
                change(skip, group, stream, () -> writer.update(u));
            }
            else if (m instanceof Delete d) {
                change(skip, group, stream, () -> writer.delete(d));
            }
            else if (m instanceof Truncate t) {
                change(skip, group, stream, () -> writer.truncate(t));
            }
        }
    }

    private interface Change {

        void apply() throws Exception;

    }

    private void change(boolean skip, Group group, PGReplicationStream stream, Change change) throws Exception {
        progress.receivedLsn = stream.getLastReceiveLSN().asLong();
        if (!skip) {
            change.apply();
            group.changes++;
        }
    }

    /**
     * Commits the group on the target; only then are the source and the drain told its
     * position.
     */
    private long commit(PGReplicationStream stream, ChangeWriter writer, Group group) throws Exception {
        beforeTargetCommit.run();
        writer.commit(group.endLsn, group.commitTime);
        progress.committed(group.endLsn, group.commitTime, group.transactions, group.changes, writer.noOps());
        LogSequenceNumber done = LogSequenceNumber.valueOf(group.endLsn);
        stream.setFlushedLSN(done);
        stream.setAppliedLSN(done);
        stream.forceUpdateStatus();
        long reached = group.endLsn;
        group.reset();
        return reached;
    }

    /**
     * Called only with nothing received left uncommitted: everything the server has sent
     * up to its keepalive position is then applied, and confirming it lets the slot
     * release WAL that holds no changes for us (and lets the drain see the target level
     * with the source while the source writes nothing).
     */
    private long confirmIdle(PGReplicationStream stream, long confirmed) throws Exception {
        long received = stream.getLastReceiveLSN().asLong();
        if (received > confirmed) {
            LogSequenceNumber at = LogSequenceNumber.valueOf(received);
            stream.setFlushedLSN(at);
            stream.setAppliedLSN(at);
            stream.forceUpdateStatus();
            progress.caughtUpTo(received);
            return received;
        }
        return confirmed;
    }

    /** Source transactions applied since the last target commit. */
    private static final class Group {

        int transactions;

        long changes;

        long endLsn;

        Instant commitTime;

        long startedNanos;

        void add(Commit c) {
            if (transactions++ == 0) {
                startedNanos = System.nanoTime();
            }
            endLsn = c.endLsn();
            commitTime = c.commitTime();
        }

        Duration age() {
            return transactions == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - startedNanos);
        }

        void reset() {
            transactions = 0;
            changes = 0;
            commitTime = null;
        }

    }

}
