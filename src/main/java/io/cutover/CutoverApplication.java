package io.cutover;

import io.cutover.shared.DataDirectoryPermissions;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CutoverApplication {

    public static void main(String[] args) {
        SpringApplication.run(CutoverApplication.class, args);
    }

    /**
     * Makes the data directory private before any bean (H2 first) writes to it; static,
     * so it runs before the other beans exist.
     */
    @Bean
    static BeanFactoryPostProcessor privateDataDirectory(Environment environment) {
        return beans -> DataDirectoryPermissions
            .secure(Path.of(environment.getProperty("cutover.data-dir", "cutover-data")));
    }

    /** Files created during start-up (H2's, the sandbox's) are closed as well. */
    @EventListener(ApplicationReadyEvent.class)
    void closeFilesCreatedAtStart(ApplicationReadyEvent event) {
        DataDirectoryPermissions.closeFiles(Path
            .of(event.getApplicationContext().getEnvironment().getProperty("cutover.data-dir", "cutover-data")));
    }

    /** One clock for every module, so tests can move time (stable periods, downtime). */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

}
