package io.cutover.verify;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The verification's own bounded pool: each side's scanning connections run here. No task
 * waits for another, so when several verifications run at once their parts queue, never
 * deadlock; past the queue the submitting run's thread reads the part itself.
 */
@Configuration
class VerificationThreads {

    static final String NAME = "verificationExecutor";

    @Bean(name = NAME, destroyMethod = "shutdownNow")
    ExecutorService verificationExecutor(VerifyProperties properties) {
        return pool(properties);
    }

    /** Both sides of two verifications at once at full parallelism. */
    static ExecutorService pool(VerifyProperties properties) {
        int threads = 4 * properties.threads();
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(256), r -> {
                    Thread t = new Thread(r, "verify-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

}
