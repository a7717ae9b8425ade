package io.cutover.logstream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The panel's one SSE mechanism for gauges and page updates (sync status, "this migration
 * changed"): a topic per thing watched, each event framed once and shared by every viewer
 * of the topic. A viewer whose previous send has not finished (a slow network, a stalled
 * tab) gets only the newest event once it is free: nothing queues up behind it, nobody
 * waits for it, and what it sees last is never stale. Timeout and heartbeat come from
 * {@link LogStreamProperties}; sends run on the Spring-managed bounded
 * {@code sseFeedSenders} executor (a bean, shut down with the context). Run logs, where
 * every line counts, use the same timeout, heartbeat and framing with one viewer thread
 * each ({@link LogViewer}).
 */
@Service
public class SseFeeds {

    private static final MediaType TEXT_UTF8 = new MediaType("text", "plain", StandardCharsets.UTF_8);

    private final Map<String, Set<Viewer>> topics = new ConcurrentHashMap<>();

    private final ExecutorService senders;

    private final LogStreamProperties properties;

    SseFeeds(@Qualifier(SseViewerPool.FEED_SENDERS) ExecutorService senders,
            @Qualifier(SseViewerPool.HEARTBEATS) ScheduledExecutorService heartbeats, LogStreamProperties properties) {
        this.senders = senders;
        this.properties = properties;
        long every = properties.heartbeat().toMillis();
        heartbeats.scheduleWithFixedDelay(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
    }

    /** A new viewer of the topic; it gets {@code first} (if not null) at once. */
    public ResponseEntity<SseEmitter> subscribe(String topic, String event, String first) {
        SseEmitter emitter = new SseEmitter(properties.sseTimeout().toMillis());
        Viewer viewer = new Viewer(emitter);
        Set<Viewer> viewers = topics.computeIfAbsent(topic, k -> ConcurrentHashMap.newKeySet());
        viewers.add(viewer);
        Runnable remove = () -> viewers.remove(viewer);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(e -> remove.run());
        ResponseEntity<SseEmitter> response = SseResponse.open(emitter);
        if (first != null) {
            offer(viewers, viewer, frame(event, first));
        }
        return response;
    }

    /**
     * Sends the event to every viewer of the topic; the frame is built once for all of
     * them.
     */
    public void publish(String topic, String event, String data) {
        Set<Viewer> viewers = topics.get(topic);
        if (viewers == null || viewers.isEmpty()) {
            return;
        }
        String frame = frame(event, data);
        viewers.forEach(v -> offer(viewers, v, frame));
    }

    /** How many viewers follow the topic now. */
    public int watching(String topic) {
        Set<Viewer> viewers = topics.get(topic);
        return viewers == null ? 0 : viewers.size();
    }

    private void heartbeat() {
        long quietNanos = properties.heartbeat().minus(Duration.ofSeconds(1)).toNanos();
        topics.values()
            .forEach(viewers -> viewers.stream()
                .filter(v -> System.nanoTime() - v.lastSent > quietNanos)
                .forEach(v -> offer(viewers, v, ":heartbeat\n\n")));
    }

    /** The newest frame replaces one not yet sent; one send task per viewer at a time. */
    private void offer(Set<Viewer> viewers, Viewer viewer, String frame) {
        viewer.next.set(frame);
        if (!viewer.sending.compareAndSet(false, true)) {
            return;
        }
        try {
            senders.execute(() -> drain(viewers, viewer));
        }
        catch (RejectedExecutionException full) {
            viewer.sending.set(false);
        }
    }

    private void drain(Set<Viewer> viewers, Viewer viewer) {
        try {
            String frame;
            while ((frame = viewer.next.getAndSet(null)) != null) {
                viewer.emitter.send(Set.of(new DataWithMediaType(frame, TEXT_UTF8)));
                viewer.lastSent = System.nanoTime();
            }
        }
        catch (IOException | IllegalStateException gone) {
            // The viewer left; the servlet container completes the emitter (never
            // complete() after an IOException).
            viewers.remove(viewer);
        }
        finally {
            viewer.sending.set(false);
        }
        if (viewer.next.get() != null && viewers.contains(viewer)) {
            offer(viewers, viewer, viewer.next.get());
        }
    }

    static String frame(String event, String data) {
        return "event:" + event + "\ndata:" + data.replace("\r", "").replace("\n", "\ndata:") + "\n\n";
    }

    private static final class Viewer {

        final SseEmitter emitter;

        final AtomicBoolean sending = new AtomicBoolean();

        final AtomicReference<String> next = new AtomicReference<>();

        volatile long lastSent = System.nanoTime();

        Viewer(SseEmitter emitter) {
            this.emitter = emitter;
        }

    }

}
