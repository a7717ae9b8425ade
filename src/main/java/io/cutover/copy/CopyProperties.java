package io.cutover.copy;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param jobs parallel jobs of restores and copies (0: one per core)
 * @param engine the final sync's engine: auto (pgcopydb when installed), pgcopydb or
 * pg_dump
 * @param scratchServer admin URL of a PostgreSQL server the panel may create and drop
 * scratch databases on (the restore-test's); blank or not answering: a throw-away cluster
 * in the data directory from the machine's PostgreSQL server binaries (rehearsal builds:
 * else the embedded one), which needs a panel that does not run as root
 * @param progressEvery how often a running copy's progress is sampled on the target (the
 * run page's bar)
 * @param progressWindow how far back the copy's rate, and so its time left, looks
 */
@Validated
@ConfigurationProperties("cutover.copy")
record CopyProperties(@Min(0) @Max(64) @DefaultValue("0") int jobs,
        @Pattern(regexp = "auto|pgcopydb|pg_dump") @DefaultValue("auto") String engine,
        @DefaultValue("") String scratchServer,
        @NotNull @DurationMin(millis = 50) @DefaultValue("2s") Duration progressEvery,
        @NotNull @DurationMin(seconds = 1) @DefaultValue("30s") Duration progressWindow) {

    int parallelJobs() {
        return jobs > 0 ? jobs : Math.max(2, Runtime.getRuntime().availableProcessors());
    }
}
