package io.cutover;

import java.time.Clock;
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

    /** One clock for every module, so tests can move time (stable periods, downtime). */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
