package io.cutover.sync;

import io.cutover.migration.ExecutionValues;
import java.sql.Connection;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Removes everything a stream created, on both servers, as far as each can be reached:
 * the applier, the subscription and the applier's bookkeeping on the target (triggers
 * back on), the slot and publication on the source. The source side matters most — its
 * slot keeps WAL — so a target that cannot be reached does not stop it.
 */
final class SyncTeardown {

    private SyncTeardown() {
    }

    /** What is gone afterwards. */
    record Result(boolean sourceClean, boolean targetClean) {
    }

    static Result run(SyncStream stream, ExecutionValues.Connection source, ExecutionValues.Connection target,
            SyncAppliers appliers, SyncProperties properties, Consumer<String> info, Consumer<String> error) {
        try {
            appliers.stop(stream.migrationId(), Duration.ofSeconds(30));
        }
        catch (Exception e) {
            error.accept("Stopping the applier: " + e.getMessage());
        }
        boolean targetClean = true;
        try (Connection tgt = SourceSlot.open(target, properties.connectTimeout())) {
            if (stream.mode() == SyncMode.NATIVE) {
                NativeSubscription.drop(tgt, stream.subscriptionName()).forEach(info);
            }
            AppliedPosition.drop(tgt).forEach(info);
        }
        catch (Exception e) {
            targetClean = false;
            error.accept("Target: " + e.getMessage());
        }
        try (Connection src = SourceSlot.open(source, properties.connectTimeout())) {
            SourceSlot.drop(src, stream.slotName(), stream.publicationName()).forEach(info);
            boolean gone = !SourceSlot.slotExists(src, stream.slotName())
                    && !SourceSlot.publicationExists(src, stream.publicationName());
            if (gone) {
                info.accept("Source: no slot " + stream.slotName() + " and no publication " + stream.publicationName()
                        + " remain");
            }
            return new Result(gone, targetClean);
        }
        catch (Exception e) {
            error.accept("Source: " + e.getMessage() + " — the slot " + stream.slotName()
                    + " may still keep WAL; run this step again once the source answers");
            return new Result(false, targetClean);
        }
    }

}
