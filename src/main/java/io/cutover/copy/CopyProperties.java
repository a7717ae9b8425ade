package io.cutover.copy;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param jobs parallel jobs of restores and copies (0: one per core)
 * @param engine the final sync's engine: auto (pgcopydb when installed), pgcopydb or pg_dump
 */
@Validated
@ConfigurationProperties("cutover.copy")
record CopyProperties(@Min(0) @Max(64) @DefaultValue("0") int jobs, @Pattern(regexp = "auto|pgcopydb|pg_dump") @DefaultValue("auto") String engine) {

    int parallelJobs() {
        return jobs > 0 ? jobs : Math.max(2, Runtime.getRuntime().availableProcessors());
    }
}
