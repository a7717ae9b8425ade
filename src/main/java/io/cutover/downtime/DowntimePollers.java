package io.cutover.downtime;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The threads that ask the site for its first 200 after the app came back: two, because a
 * migration has at most one open window and a second may be closing. A bean, so Spring
 * ends them on shutdown (interrupting a poll of a site that does not answer). An
 * {@link ExecutorService} rather than a Spring TaskExecutor, like the run and SSE pools:
 * a single TaskExecutor bean would become the executor of every asynchronous event
 * listener.
 */
@Configuration
class DowntimePollers {

    static final String NAME = "downtimeSitePollers";

    @Bean(name = NAME, destroyMethod = "shutdownNow")
    ExecutorService downtimeSitePollers() {
        return Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "downtime-poller");
            t.setDaemon(true);
            return t;
        });
    }

}
