package io.cutover.sync;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param sampleInterval how often lag and WAL retention are read from the source while a
 * stream runs
 * @param backlogBytes a lag above this is a backlog: stopping the app is refused until it
 * drains
 * @param groupChanges the panel applier commits on the target after this many changes at
 * most
 * @param groupDelay ... or after this long, whichever comes first (fewer commits keep up
 * with more load)
 * @param retryDelay how long the panel applier waits before it reconnects after an error
 * @param connectTimeout connect timeout of every sync connection
 * @param lagChartWindow how far back the sync panel's lag chart reaches; the ring of lag
 * samples per stream keeps this much (at most 3600 samples)
 * @param verifyPassInterval after an online verification, the pause between two
 * background passes that compare what the stream changed since the last one (each at one
 * applied position), so the verification inside the downtime reads only what changed
 * after the last pass
 */
@Validated
@ConfigurationProperties("cutover.sync")
record SyncProperties(@NotNull @DefaultValue("1s") Duration sampleInterval,
        @Min(1024) @DefaultValue("16777216") long backlogBytes,
        @Min(1) @Max(1_000_000) @DefaultValue("20000") int groupChanges,
        @NotNull @DefaultValue("200ms") Duration groupDelay, @NotNull @DefaultValue("5s") Duration retryDelay,
        @NotNull @DefaultValue("10s") Duration connectTimeout,
        @NotNull @DurationMin(seconds = 10) @DurationMax(hours = 1) @DefaultValue("5m") Duration lagChartWindow,
        @NotNull @DurationMin(millis = 100) @DurationMax(hours = 1) @DefaultValue("2s") Duration verifyPassInterval) {
}
