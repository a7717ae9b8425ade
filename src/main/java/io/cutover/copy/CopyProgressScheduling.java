package io.cutover.copy;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The threads that sample running copies: Spring-managed and bounded (two, for however
 * many copies run), shut down with the context. A plain ScheduledExecutorService, not a
 * TaskScheduler bean, which would become the application's default scheduler.
 */
@Configuration
class CopyProgressScheduling {

    static final String SAMPLERS = "copyProgressSamplers";

    @Bean(name = SAMPLERS, destroyMethod = "shutdownNow")
    ScheduledExecutorService copyProgressSamplers() {
        AtomicInteger count = new AtomicInteger();
        return Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "copy-progress-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

}
