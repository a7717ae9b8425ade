package io.cutover.sync;

import io.cutover.copy.Copier;
import io.cutover.execution.CheckContext;
import io.cutover.execution.CheckOutcome;
import io.cutover.execution.ProcessResult;
import io.cutover.execution.StepCheck;
import io.cutover.migration.ExecutionValues;
import io.cutover.runbook.SqlTarget;
import io.cutover.verify.PreflightPoint;
import io.cutover.verify.VerificationReport;
import io.cutover.verify.Verifier;
import java.security.SecureRandom;
import java.sql.Connection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Starts continuous sync: publication, then a slot whose exported snapshot the initial
 * copy is taken at (so no change between the copy and the stream is lost or doubled), the
 * copy verified against that same snapshot while the source keeps changing, then the
 * stream — the target's own subscription, or the panel's applier. Whatever fails on the
 * way, the slot is dropped again: an orphaned slot would keep WAL on the source until its
 * volume fills.
 *
 * <p>
 * Options: {@code allowOverwrite} (yes replaces a target that holds tables),
 * {@code sourceApp}.
 */
@Component
@StepCheck.Named("sync-start")
record SyncStartCheck(Copier copier, Verifier verifier, SyncRuntime sync) implements StepCheck {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public CheckOutcome run(CheckContext ctx) throws Exception {
        long id = ctx.migrationId();
        Optional<SyncStream> existing = sync.streams().find(id);
        if (existing.isPresent() && existing.get().state().holdsSlot()) {
            return CheckOutcome.failed("Continuous sync is already " + existing.get().state().name().toLowerCase()
                    + " (slot " + existing.get().slotName() + "). To start over, run 'Abort continuous sync' first.");
        }
        ExecutionValues.Connection source = ctx.requiredConnection(SqlTarget.SOURCE);
        ExecutionValues.Connection target = ctx.requiredConnection(SqlTarget.TARGET);
        SyncMode mode;
        try (Connection src = sync.open(source); Connection tgt = sync.open(target)) {
            List<PreflightPoint> blockers = SyncPrerequisites.sourceBlockers(src, ctx.option("sourceApp").orElse(""));
            if (!blockers.isEmpty()) {
                return Verifier.preflightOutcome(ctx, blockers);
            }
            mode = NativeSubscription.refusal(tgt).isEmpty() ? SyncMode.NATIVE : SyncMode.PANEL;
            int tables = SyncPrerequisites.userTables(tgt);
            if (tables > 0 && !ctx.targetFilledByPanel() && !"yes".equals(ctx.option("allowOverwrite").orElse("no"))) {
                return CheckOutcome.failed("The target already holds " + tables
                        + " tables; the initial copy needs an empty target. Set 'Allow restoring over"
                        + " existing data' to yes on the Parameters page to replace them.");
            }
            ctx.harming();
            if (tables > 0) {
                copier.cleanTarget(ctx, target);
            }
        }
        String name = "cutover_" + id + "_" + HexFormat.of().formatHex(RANDOM.generateSeed(3));
        sync.streams().begin(id, mode, name, name, sync.clock().instant());
        sync.appliers().forgetTouched(id);
        ctx.log()
            .system("Continuous sync, " + (mode == SyncMode.NATIVE ? "native subscription" : "panel-applied")
                    + "; slot and publication " + name);
        try {
            CheckOutcome copied = copyAtSlotSnapshot(ctx, source, target, name);
            if (!copied.success()) {
                cleanUp(ctx, source, target, copied.message());
                return copied;
            }
            stream(ctx, source, target, name, mode);
            return new CheckOutcome(true,
                    copied.message() + " Changes now stream to the target ("
                            + (mode == SyncMode.NATIVE ? "native subscription" : "panel-applied")
                            + "); the lag shows live on the wizard.",
                    copied.resultJson(), copied.produced());
        }
        catch (Exception e) {
            cleanUp(ctx, source, target, e.getMessage());
            throw e;
        }
    }

    /**
     * The replication session must stay open and idle while the snapshot is in use: it
     * holds the snapshot.
     */
    private CheckOutcome copyAtSlotSnapshot(CheckContext ctx, ExecutionValues.Connection source,
            ExecutionValues.Connection target, String name) throws Exception {
        try (Connection src = sync.open(source)) {
            ctx.log().system("Created " + SourceSlot.createPublication(src, name));
        }
        try (Connection replication = SourceSlot.openReplication(source, sync.properties().connectTimeout())) {
            SourceSlot.SlotCreated slot = SourceSlot.createSlot(replication, name);
            sync.streams().consistentPoint(ctx.migrationId(), slot.consistentLsn(), sync.clock().instant());
            ctx.log()
                .system("Created replication slot " + name + " at " + slot.consistentLsn()
                        + "; the copy reads the source as of that point");
            long started = System.nanoTime();
            ProcessResult copy = copier.copyAtSnapshot(ctx, source, target, slot.snapshot());
            if (!copy.succeeded()) {
                return CheckOutcome.failed("The initial copy failed: "
                        + (copy.failure() != null ? copy.failure() : "exit code " + copy.exitCode()));
            }
            long copyMillis = (System.nanoTime() - started) / 1_000_000;
            ctx.log()
                .system("Initial copy done in " + copyMillis / 1000.0
                        + " s; verifying it against the same snapshot while the source keeps changing");
            VerificationReport report = verifier.verify(source, slot.snapshot(), target, line -> ctx.log().out(line),
                    ctx.log());
            CheckOutcome verified = verifier.report(ctx, report);
            return verified.withMessage("Initial copy in " + copyMillis / 1000.0
                    + " s, verified at the slot's snapshot: " + verified.message() + ".");
        }
    }

    private void stream(CheckContext ctx, ExecutionValues.Connection source, ExecutionValues.Connection target,
            String name, SyncMode mode) throws Exception {
        long id = ctx.migrationId();
        try (Connection tgt = sync.open(target)) {
            if (mode == SyncMode.NATIVE) {
                NativeSubscription.create(tgt, source, name, name, name);
                ctx.log()
                    .system("Created subscription " + name
                            + " on the target (copy_data = false, on the existing slot)");
            }
            else {
                String at = sync.streams().find(id).orElseThrow().consistentLsn();
                AppliedPosition.install(tgt, name, at);
                int triggers = AppliedPosition.disableTriggers(tgt);
                ctx.log()
                    .system("Recorded the applied position " + at + " on the target"
                            + (triggers == 0 ? "" : "; switched off " + triggers
                                    + " user triggers there until the drain (the source's triggers already did their work)"));
            }
        }
        sync.streams().streaming(id, sync.clock().instant());
        if (mode == SyncMode.PANEL) {
            sync.appliers().start(sync.streams().find(id).orElseThrow());
            ctx.log().system("Started the panel's applier");
        }
    }

    private void cleanUp(CheckContext ctx, ExecutionValues.Connection source, ExecutionValues.Connection target,
            String why) {
        ctx.log().err("Continuous sync did not start; dropping what it created so the source keeps no WAL for it");
        SyncStream stream = sync.streams().find(ctx.migrationId()).orElseThrow();
        SyncTeardown.run(stream, source, target, sync.appliers(), sync.properties(), ctx.log()::system, ctx.log()::err);
        sync.streams().failed(ctx.migrationId(), why, sync.clock().instant());
    }

}
