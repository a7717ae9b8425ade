package io.cutover.sync;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Runs the panel-applied streams, one thread each, and resumes them when the panel starts
 * again: the target knows where each stopped, so nothing is lost or applied twice.
 */
@Component
class SyncAppliers {

    private static final Logger log = LoggerFactory.getLogger(SyncAppliers.class);

    private static final int MAX_STREAMS = 8;

    private final SyncStreamRepository streams;

    private final SyncConnections connections;

    private final SyncProperties properties;

    private final Clock clock;

    private final Map<Long, Running> running = new ConcurrentHashMap<>();

    /**
     * Outlives its applier's stop (the drain): the verification inside the downtime reads
     * it after.
     */
    private final Map<Long, TouchedKeys> touched = new ConcurrentHashMap<>();

    private final ExecutorService threads;

    SyncAppliers(SyncStreamRepository streams, SyncConnections connections, SyncProperties properties, Clock clock) {
        this.streams = streams;
        this.connections = connections;
        this.properties = properties;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(0, MAX_STREAMS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "sync-applier-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @EventListener(ApplicationReadyEvent.class)
    void resume() {
        for (SyncStream stream : streams.inStates(SyncState.COPYING)) {
            abandonCopy(stream);
        }
        for (SyncStream stream : streams.inStates(SyncState.STREAMING)) {
            if (stream.mode() == SyncMode.PANEL) {
                log.info("Resuming the sync applier of migration {} (slot {})", stream.migrationId(),
                        stream.slotName());
                start(stream);
            }
        }
    }

    /**
     * The panel stopped during an initial copy: its snapshot died with the session that
     * exported it, so the copy cannot be finished. Drop the slot at once rather than let
     * it keep WAL.
     */
    private void abandonCopy(SyncStream stream) {
        long id = stream.migrationId();
        log.warn("Migration {}: the panel stopped during the initial copy of continuous sync; dropping slot {}", id,
                stream.slotName());
        try {
            SyncTeardown.run(stream, connections.source(id), connections.target(id), this, properties, log::info,
                    log::warn);
        }
        catch (RuntimeException e) {
            log.warn("Migration {}: could not reach the servers to drop slot {}: {}", id, stream.slotName(),
                    e.getMessage());
        }
        streams.failed(id, "The panel stopped during the initial copy; run 'Start continuous sync' again",
                clock.instant());
    }

    synchronized void start(SyncStream stream) {
        long id = stream.migrationId();
        if (running.containsKey(id)) {
            return;
        }
        if (running.size() >= MAX_STREAMS) {
            throw new IllegalStateException(
                    "The panel already applies " + MAX_STREAMS + " streams; clean up a finished one first");
        }
        ChangeApplier applier = new ChangeApplier(id, stream, connections.source(id), connections.target(id),
                properties, touched.computeIfAbsent(id, k -> new TouchedKeys()),
                error -> streams.applierError(id, error, clock.instant()));
        running.put(id, new Running(applier, threads.submit(applier)));
    }

    /**
     * Stops the stream's applier and waits for it; uncommitted changes roll back and are
     * sent again later.
     */
    void stop(long migrationId, Duration wait) throws Exception {
        Running r = running.remove(migrationId);
        if (r == null) {
            return;
        }
        r.applier().stop();
        try {
            r.future().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (java.util.concurrent.TimeoutException e) {
            r.future().cancel(true);
            throw new IllegalStateException("The sync applier did not stop within " + wait.toSeconds() + " s");
        }
    }

    Optional<ApplierProgress> progress(long migrationId) {
        return Optional.ofNullable(running.get(migrationId)).map(r -> r.applier().progress());
    }

    /**
     * The keys this panel's applier changed for the migration, while it has run since the
     * panel started.
     */
    Optional<TouchedKeys> touched(long migrationId) {
        return Optional.ofNullable(touched.get(migrationId));
    }

    /**
     * A new stream starts from a fresh copy: nothing recorded for an earlier one applies.
     */
    void forgetTouched(long migrationId) {
        touched.remove(migrationId);
    }

    /**
     * Asks the migration's running applier to hold at a source position (see
     * {@link ChangeApplier.Hold}).
     */
    Optional<ChangeApplier.Hold> holdAt(long migrationId, long lsn) {
        return Optional.ofNullable(running.get(migrationId)).map(r -> r.applier().holdAt(lsn));
    }

    boolean isRunning(long migrationId) {
        return running.containsKey(migrationId);
    }

    @PreDestroy
    void shutdown() {
        running.values().forEach(r -> r.applier().stop());
        threads.shutdown();
        try {
            threads.awaitTermination(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Running(ChangeApplier applier, Future<?> future) {
    }

}
