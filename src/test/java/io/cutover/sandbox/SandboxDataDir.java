package io.cutover.sandbox;

import io.cutover.TestPostgres;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * One data directory per test context, fixed once: a {@code ${random.uuid}} in a property
 * would be drawn again at every place that refers to it (the emulator's folder and the
 * PATH would differ). The rehearsal runs on the test run's own server, never on the
 * machine's.
 */
class SandboxDataDir implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String dir = "./target/test-data/sandbox-" + UUID.randomUUID();
        context.getEnvironment()
            .getPropertySources()
            .addFirst(new MapPropertySource("sandbox-test-data-dir", Map.of("cutover.data-dir", dir,
                    "cutover.sandbox.postgres-url", TestPostgres.logical().url("postgres"))));
    }

}
