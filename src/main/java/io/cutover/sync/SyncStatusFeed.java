package io.cutover.sync;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends each migration's sync status to everyone watching it. A status is a gauge: a viewer whose
 * previous send has not finished (a slow network, a stalled tab) skips a sample instead of
 * queueing it, so no viewer can hold up the others or the sampler. Sends run on a small bounded
 * pool of this module's own; an idle feed gets a comment every 15 s so proxies keep it open.
 */
@Component
class SyncStatusFeed {

    static final long TIMEOUT_MILLIS = 30 * 60 * 1000L;

    private final JsonMapper json;
    private final Map<Long, Set<Viewer>> viewers = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor senders = new ThreadPoolExecutor(2, 2, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(1000), r -> {
        Thread t = new Thread(r, "sync-feed");
        t.setDaemon(true);
        return t;
    });
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sync-feed-heartbeat");
        t.setDaemon(true);
        return t;
    });

    SyncStatusFeed(JsonMapper json) {
        this.json = json;
        heartbeat.scheduleWithFixedDelay(this::heartbeat, 15, 15, TimeUnit.SECONDS);
    }

    /** Registers a viewer and sends it the current status at once. */
    SseEmitter watch(long migrationId, SyncStatus current) {
        SseEmitter emitter = new SseEmitter(TIMEOUT_MILLIS);
        Viewer viewer = new Viewer(emitter);
        Set<Viewer> set = viewers.computeIfAbsent(migrationId, k -> ConcurrentHashMap.newKeySet());
        set.add(viewer);
        Runnable remove = () -> set.remove(viewer);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(e -> remove.run());
        send(migrationId, viewer, SseEmitter.event().name("sync").data(json.writeValueAsString(current)));
        return emitter;
    }

    void publish(SyncStatus status) {
        Set<Viewer> set = viewers.get(status.migrationId());
        if (set == null || set.isEmpty()) {
            return;
        }
        String data = json.writeValueAsString(status);
        for (Viewer v : set) {
            send(status.migrationId(), v, SseEmitter.event().name("sync").data(data));
            v.lastSent = System.nanoTime();
        }
    }

    private void heartbeat() {
        long quiet = TimeUnit.SECONDS.toNanos(14);
        viewers.forEach((id, set) -> set.stream().filter(v -> System.nanoTime() - v.lastSent > quiet)
                .forEach(v -> send(id, v, SseEmitter.event().comment("heartbeat"))));
    }

    private void send(long migrationId, Viewer viewer, SseEmitter.SseEventBuilder event) {
        if (!viewer.busy.compareAndSet(false, true)) {
            return;
        }
        try {
            senders.execute(() -> {
                try {
                    viewer.emitter.send(event);
                } catch (IOException | IllegalStateException gone) {
                    // The viewer left; the servlet container completes the emitter itself (never complete() after an IOException).
                    Set<Viewer> set = viewers.get(migrationId);
                    if (set != null) {
                        set.remove(viewer);
                    }
                } finally {
                    viewer.busy.set(false);
                }
            });
        } catch (RejectedExecutionException full) {
            viewer.busy.set(false);
        }
    }

    @PreDestroy
    void stop() {
        heartbeat.shutdownNow();
        senders.shutdownNow();
        viewers.values().forEach(set -> set.forEach(v -> v.emitter.complete()));
    }

    private static final class Viewer {
        final SseEmitter emitter;
        final AtomicBoolean busy = new AtomicBoolean();
        volatile long lastSent = System.nanoTime();

        Viewer(SseEmitter emitter) {
            this.emitter = emitter;
        }
    }
}
