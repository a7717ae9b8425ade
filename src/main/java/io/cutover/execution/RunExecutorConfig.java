package io.cutover.execution;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Runs execute on a pool of their own, bounded in threads and in queued runs. */
@Configuration
class RunExecutorConfig {

    static final String NAME = "runWorkers";

    @Bean(name = NAME, destroyMethod = "shutdownNow")
    ExecutorService runWorkers(ExecutionProperties properties) {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(properties.workers(), properties.workers(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(256), r -> {
                    Thread t = new Thread(r, "run-worker-" + count.incrementAndGet());
                    t.setDaemon(false);
                    return t;
                });
    }

}
