package io.cutover;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CutoverApplication {

    public static void main(String[] args) {
        SpringApplication.run(CutoverApplication.class, args);
    }
}
