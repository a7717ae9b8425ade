package io.cutover.logstream;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The SSE threads, all Spring-managed and bounded. Run-log viewers get one thread each
 * from their own pool: a viewer stalled on a slow network blocks only its own thread;
 * beyond {@code maxViewers} new streams are refused (503), never queued behind others.
 * Feeds ({@link SseFeeds}) share a small pool of senders with a bounded queue, and one
 * scheduler thread sends the heartbeats.
 */
@Configuration
class SseViewerPool {

    static final String NAME = "sseViewers";
    static final String FEED_SENDERS = "sseFeedSenders";
    static final String HEARTBEATS = "sseHeartbeats";

    @Bean(name = NAME, destroyMethod = "shutdownNow")
    ExecutorService sseViewers(LogStreamProperties properties) {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(0, properties.maxViewers(), 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "sse-viewer-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /*
     * Plain ExecutorServices, not Spring TaskExecutor/TaskScheduler beans: a unique
     * TaskExecutor bean would become the default for @Async and so run
     * every @ApplicationModuleListener on these threads.
     */
    @Bean(name = FEED_SENDERS, destroyMethod = "shutdownNow")
    ExecutorService sseFeedSenders(LogStreamProperties properties) {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(properties.feedSenders(), properties.feedSenders(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(properties.maxViewers()),
                r -> daemon(r, "sse-feed-" + count.incrementAndGet()));
    }

    @Bean(name = HEARTBEATS, destroyMethod = "shutdownNow")
    ScheduledExecutorService sseHeartbeats() {
        return Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "sse-heartbeat"));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

}
