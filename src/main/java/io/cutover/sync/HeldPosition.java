package io.cutover.sync;

import io.cutover.migration.ExecutionValues;
import io.cutover.verify.PgSession;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Both sides at one moment of the stream while the app writes: the source at a temporary
 * slot's exported snapshot (its consistent point X), the target with the panel's applier
 * held at X for the time of one {@code pg_export_snapshot()}. Whatever reads both
 * snapshots compares exactly, as if nothing were changing.
 */
final class HeldPosition {

    /** What is read at the position, with both snapshots open. */
    interface Reader<T> {

        T read(String sourceSnapshot, String targetSnapshot, String position) throws Exception;

    }

    /** The longest the stream pauses while the slot is created. */
    static final Duration PAUSE_AT_MOST = Duration.ofSeconds(1);

    private HeldPosition() {
    }

    /**
     * Runs {@code reader} at one position; null when the applier is not running or did
     * not reach the position within {@code wait} ({@code late} is told which).
     */
    static <T> T read(SyncRuntime sync, long migrationId, ExecutionValues.Connection source,
            ExecutionValues.Connection target, Duration wait, Consumer<String> late, Reader<T> reader)
            throws Exception {
        String name = "cutover_verify_" + migrationId + "_" + Long.toHexString(System.nanoTime() & 0xFFFFFF);
        // The applier pauses first, so it cannot apply past the slot's position while the
        // slot is being created; then it applies up to that position and holds there.
        try (Connection replication = SourceSlot.openReplication(source, sync.properties().connectTimeout());
                Connection tgt = PgSession.pinned(target, sync.properties().connectTimeout())) {
            ChangeApplier.Hold pause = sync.appliers().holdAt(migrationId, 0).orElse(null);
            if (pause == null) {
                return null;
            }
            ChangeApplier.Hold hold;
            SourceSlot.SlotCreated slot;
            long at;
            try {
                pause.reached.get(wait.toMillis(), TimeUnit.MILLISECONDS);
                // The slot waits for the source's running transactions: a long one must
                // not stall the stream. Past PAUSE_AT_MOST the applier goes on, and if it
                // passes the slot's position this read is refused below.
                CompletableFuture.delayedExecutor(PAUSE_AT_MOST.toMillis(), TimeUnit.MILLISECONDS)
                    .execute(pause.release::countDown);
                slot = SourceSlot.createTemporarySlot(replication, name);
                at = PgOutput.lsn(slot.consistentLsn());
                hold = sync.appliers().holdAt(migrationId, at).orElse(null);
            }
            catch (TimeoutException e) {
                late.accept("The applier did not pause within " + wait.toSeconds() + " s");
                return null;
            }
            finally {
                pause.release.countDown();
            }
            if (hold == null) {
                return null;
            }
            String targetSnapshot;
            try {
                long reached = hold.reached.get(wait.toMillis(), TimeUnit.MILLISECONDS);
                if (reached > at) {
                    late.accept("The applier had applied past " + slot.consistentLsn());
                    return null;
                }
                targetSnapshot = PgSession.exportSnapshot(tgt);
            }
            catch (TimeoutException e) {
                late.accept("The applier did not reach " + slot.consistentLsn() + " within " + wait.toSeconds() + " s");
                return null;
            }
            finally {
                hold.release.countDown();
            }
            return reader.read(slot.snapshot(), targetSnapshot, slot.consistentLsn());
        }
    }

}
