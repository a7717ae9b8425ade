package io.cutover.logstream;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The viewers' own bounded pool, one thread per open SSE stream: a viewer stalled on a slow
 * network blocks only its own thread. Beyond {@code maxViewers} new streams are refused (503),
 * never queued behind others.
 */
@Configuration
class SseViewerPool {

    static final String NAME = "sseViewers";

    @Bean(name = NAME, destroyMethod = "shutdownNow")
    ExecutorService sseViewers(LogStreamProperties properties) {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(0, properties.maxViewers(), 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "sse-viewer-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
