package io.cutover.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cutover.CutoverApplication;
import io.cutover.shared.PanelProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two rehearsals started at the same moment on the same PostgreSQL (the test run's own),
 * each with only its own data directory: each derives its own Flex stand-in database and
 * app role from it, so neither resets the other's password, and both walk the rehearsal
 * through the cutover to the app answering from its own new cluster.
 */
class TwoSandboxesTest {

    @Test
    void twoSandboxesOnOneServerBothWalkTheRehearsalToTheEnd() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<ConfigurableApplicationContext> sandboxes = new ArrayList<>();
        try {
            List<Future<ConfigurableApplicationContext>> starting = List.of(pool.submit(TwoSandboxesTest::start),
                    pool.submit(TwoSandboxesTest::start));
            for (Future<ConfigurableApplicationContext> f : starting) {
                sandboxes.add(f.get());
            }
            SandboxNames first = sandboxes.get(0).getBean(SandboxNames.class);
            SandboxNames second = sandboxes.get(1).getBean(SandboxNames.class);
            assertThat(first.appRole()).isNotEqualTo(second.appRole()).startsWith("blockster_app_");
            assertThat(first.sourceDatabase()).isNotEqualTo(second.sourceDatabase())
                .startsWith("fragrant_flower_8144_");

            List<Future<String>> walks = new ArrayList<>();
            for (ConfigurableApplicationContext sandbox : sandboxes) {
                walks.add(pool.submit(() -> walk(sandbox)));
            }
            for (Future<String> walk : walks) {
                assertThat(walk.get()).startsWith("200 ok database=fly-db-");
            }
        }
        finally {
            for (ConfigurableApplicationContext sandbox : sandboxes) {
                SandboxCleanup.dropAll(sandbox.getBean(SandboxPostgres.class), sandbox.getBean(SandboxNames.class),
                        sandbox.getBean(PanelProperties.class));
                sandbox.close();
            }
            pool.shutdownNow();
        }
    }

    /**
     * A sandbox as the README's first command starts it, on a random port with a data
     * directory of its own.
     */
    private static ConfigurableApplicationContext start() {
        String id = UUID.randomUUID().toString();
        return new SpringApplicationBuilder(CutoverApplication.class).profiles("test", "sandbox")
            .listeners(LoggingSetUpInTurn.LOCK, LoggingSetUpInTurn.UNLOCK, LoggingSetUpInTurn.ON_FAILURE)
            .run("--cutover.data-dir=./target/test-data/two-sandboxes-" + id,
                    "--cutover.sandbox.postgres-url=" + io.cutover.TestPostgres.logical().url("postgres"),
                    "--spring.datasource.url=jdbc:h2:mem:two-sandboxes-" + id + ";DB_CLOSE_DELAY=-1", "--server.port=0",
                    "--cutover.sandbox.sample-scale=0.02", "--cutover.sandbox.app-port=0",
                    "--cutover.downtime.poll-interval=200ms", "--cutover.security.demo-users=false");
    }

    /**
     * Logback has one LoggerContext per JVM, and each application resets and configures
     * it while its environment is prepared; two at once race (seen under load:
     * StructuredLogEncoder's "Unable to find Spring Environment in logger context"). Only
     * that step takes turns: the lock is taken before Boot's LoggingApplicationListener
     * and released right after it, so the two sandboxes still set up their databases at
     * the same time.
     */
    private static final class LoggingSetUpInTurn {

        private static final ReentrantLock TURN = new ReentrantLock();

        static final Lock LOCK = new Lock();

        static final Unlock UNLOCK = new Unlock();

        static final UnlockOnFailure ON_FAILURE = new UnlockOnFailure();

        private static void releaseIfHeld() {
            if (TURN.isHeldByCurrentThread()) {
                TURN.unlock();
            }
        }

        static final class Lock implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

            @Override
            public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
                TURN.lock();
            }

            @Override
            public int getOrder() {
                return Ordered.HIGHEST_PRECEDENCE;
            }

        }

        static final class Unlock implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

            @Override
            public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
                releaseIfHeld();
            }

            @Override
            public int getOrder() {
                return LoggingApplicationListener.DEFAULT_ORDER + 1;
            }

        }

        static final class UnlockOnFailure implements ApplicationListener<ApplicationFailedEvent> {

            @Override
            public void onApplicationEvent(ApplicationFailedEvent event) {
                releaseIfHeld();
            }

        }

    }

    /**
     * Walks the rehearsal through the cutover; returns what the site answers afterwards.
     */
    private static String walk(ConfigurableApplicationContext sandbox) throws Exception {
        MockMvcTester mvc = MockMvcTester.from((WebApplicationContext) sandbox,
                b -> b.apply(SecurityMockMvcConfigurers.springSecurity()).build());
        RehearsalDriver drive = new RehearsalDriver(mvc, sandbox.getBean(JsonMapper.class),
                sandbox.getBean(SandboxSetup.class));
        String site = sandbox.getBean(SandboxSetup.class).siteUrl();
        assertThat(ByHand.site(site)).contains("database=" + sandbox.getBean(SandboxNames.class).sourceDatabase());
        drive.throughCutover();
        await().atMost(Duration.ofSeconds(30)).until(() -> ByHand.site(site).contains("database=fly-db-"));
        return ByHand.site(site);
    }

}
