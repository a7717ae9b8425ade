package io.cutover.sync;

import io.cutover.migration.ExecutionValues;
import io.cutover.verify.TouchedRows;
import io.cutover.verify.Verifier;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The verification keeping pace with the stream: after an online verification, every
 * {@code verifyPassInterval} a pass compares the rows the stream changed since the last
 * one, both sides at one applied position ({@link HeldPosition}), and carries the proof
 * to that position. Inside the downtime {@code sync-verify} then reads only what changed
 * after the last pass. A difference a pass finds is a real one: it is shown on the sync
 * panel by key and stays in the record, so the downtime's verification names it again.
 */
@Component
class VerificationPasses {

    private static final Logger log = LoggerFactory.getLogger(VerificationPasses.class);

    private static final Duration HOLD_WAIT = Duration.ofSeconds(10);

    private final SyncRuntime sync;

    private final OnlineVerifications online;

    private final Verifier verifier;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cutover-verify-pass");
        t.setDaemon(true);
        return t;
    });

    private final Map<Long, Running> running = new ConcurrentHashMap<>();

    private final Map<Long, SyncStatus.Verification> status = new ConcurrentHashMap<>();

    private static final class Running {

        volatile boolean stopped;

        ScheduledFuture<?> future;

    }

    VerificationPasses(SyncRuntime sync, OnlineVerifications online, Verifier verifier) {
        this.sync = sync;
        this.online = online;
        this.verifier = verifier;
    }

    /** Starts the passes after an online verification just recorded. */
    void start(long id, ExecutionValues.Connection source, ExecutionValues.Connection target) {
        stop(id);
        OnlineVerifications.Entry entry = online.get(id).orElseThrow();
        status.put(id, new SyncStatus.Verification(entry.baseline().sourcePosition(), entry.baseline().at(), 0, 0, 0,
                List.of(), null));
        Running r = new Running();
        long every = sync.properties().verifyPassInterval().toMillis();
        r.future = timer.scheduleWithFixedDelay(() -> pass(id, r, source, target), every, every, TimeUnit.MILLISECONDS);
        running.put(id, r);
    }

    /**
     * Stops the passes without waiting: one under way gives up at its next chunk of keys,
     * and what it had not proven stays in the record.
     */
    void stop(long id) {
        Running r = running.remove(id);
        if (r != null) {
            r.stopped = true;
            r.future.cancel(false);
        }
    }

    /** The sync panel's line: where the proof stands and what a pass found. */
    Optional<SyncStatus.Verification> status(long id) {
        return Optional.ofNullable(status.get(id));
    }

    private void pass(long id, Running r, ExecutionValues.Connection source, ExecutionValues.Connection target) {
        OnlineVerifications.Entry entry = online.get(id).orElse(null);
        if (r.stopped || entry == null || !sync.streamIs(id, SyncState.STREAMING) || !sync.appliers().isRunning(id)) {
            stop(id);
            return;
        }
        TouchedKeys touched = entry.touched();
        long epoch = touched.seal();
        TouchedRows rows = touched.sealedUpTo(epoch);
        if (rows.isEmpty()) {
            touched.proven(epoch, rows);
            return;
        }
        try {
            Verifier.Pass p = HeldPosition.read(sync, id, source, target, HOLD_WAIT, late -> note(id, late),
                    (s, t, position) -> verifier.keepPace(source, s, target, t, position, entry.baseline(), rows,
                            () -> r.stopped));
            if (p == null) {
                return;
            }
            if (!online.advance(id, entry, p.baseline(), () -> touched.proven(epoch, p.open()))) {
                return;
            }
            // Rows that differed stay in the record: every pass compares them again, so
            // this list is what differs now.
            List<String> named = p.differences().stream().map(m -> m.object() + ": " + m.difference()).toList();
            // Logged when first found, not again by every pass two seconds later.
            List<String> known = Optional.ofNullable(status.get(id))
                .map(SyncStatus.Verification::differences)
                .orElse(List.of());
            named.stream()
                .filter(d -> !known.contains(d))
                .forEach(d -> log.warn("Migration {}: a background verification pass found {}", id, d));
            status.put(id,
                    new SyncStatus.Verification(p.baseline().sourcePosition(), p.baseline().at(), p.baseline().passes(),
                            p.keysCompared(), touched.snapshot().keyCount(),
                            List.copyOf(named.subList(0, Math.min(100, named.size()))), null));
        }
        catch (Exception e) {
            note(id, "The last background pass failed: " + ApplyFailure.describe(e));
        }
    }

    /** Keeps the last figures, with why the last pass did not finish. */
    private void note(long id, String problem) {
        status.computeIfPresent(id, (k, v) -> new SyncStatus.Verification(v.position(), v.at(), v.passes(),
                v.lastKeys(), v.pendingKeys(), v.differences(), problem));
    }

    @PreDestroy
    void shutdown() {
        running.values().forEach(r -> r.stopped = true);
        timer.shutdownNow();
    }

}
