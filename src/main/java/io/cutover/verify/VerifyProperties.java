package io.cutover.verify;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param parallelism connections per database that count and hash tables at once (0: one
 * per core)
 * @param connectTimeout how long a connection attempt may take before it is reported
 * unreachable
 */
@Validated
@ConfigurationProperties("cutover.verify")
record VerifyProperties(@Min(0) @Max(64) @DefaultValue("0") int parallelism,
        @DefaultValue("10s") Duration connectTimeout) {

    int threads() {
        return parallelism > 0 ? parallelism : Math.max(2, Runtime.getRuntime().availableProcessors());
    }
}
