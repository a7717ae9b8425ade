package io.cutover.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The lag chart's ring: bounded by count and by the chart's window, per stream. */
class LagSamplesTest {

    private static final Instant T0 = Instant.parse("2026-12-02T12:00:00Z");

    private static SyncProperties properties(Duration interval, Duration window) {
        return new SyncProperties(interval, 16_777_216, 20_000, Duration.ofMillis(200), Duration.ofSeconds(5),
                Duration.ofSeconds(10), window, Duration.ofSeconds(2));
    }

    private static SyncStatus streaming(long migration, Instant at, long lagBytes) {
        return new SyncStatus(migration, "STREAMING", "PANEL", "slot", "0/1", "0/1", lagBytes, 0.5, 0, 0, 0, "ok", null,
                null, 0, 0, null, at);
    }

    @Test
    void keepsOneWindowOfSamplesAndDropsTheOldest() {
        LagSamples samples = new LagSamples(properties(Duration.ofSeconds(1), Duration.ofSeconds(10)));
        for (int i = 0; i < 25; i++) {
            samples.record(streaming(1, T0.plusSeconds(i), i * 100));
        }

        assertThat(samples.capacity()).isEqualTo(11);
        assertThat(samples.of(1)).hasSize(11);
        assertThat(samples.of(1).get(0).at()).isEqualTo(T0.plusSeconds(14));
        assertThat(samples.of(1).get(10).lagBytes()).isEqualTo(2400);
    }

    @Test
    void aGapLongerThanTheWindowLeavesOnlyTheNewSample() {
        LagSamples samples = new LagSamples(properties(Duration.ofSeconds(1), Duration.ofSeconds(10)));
        samples.record(streaming(1, T0, 100));
        samples.record(streaming(1, T0.plusSeconds(30), 200));

        assertThat(samples.of(1)).extracting(LagSamples.Sample::lagBytes).containsExactly(200L);
    }

    @Test
    void theRingStaysBoundedWhateverTheIntervalAndWindow() {
        LagSamples samples = new LagSamples(properties(Duration.ofMillis(1), Duration.ofHours(1)));

        assertThat(samples.capacity()).isEqualTo(LagSamples.MAX_SAMPLES);
    }

    @Test
    void streamsHaveTheirOwnRingsAndOnlyLiveStatesAreCharted() {
        LagSamples samples = new LagSamples(properties(Duration.ofSeconds(1), Duration.ofMinutes(5)));
        samples.record(streaming(1, T0, 100));
        samples.record(streaming(2, T0, 900));
        samples.record(SyncStatus.none(3, T0));
        samples.forget(2);

        assertThat(samples.of(1)).extracting(LagSamples.Sample::lagBytes).containsExactly(100L);
        assertThat(samples.of(2)).isEmpty();
        assertThat(samples.of(3)).isEmpty();
        assertThat(samples.chart(3, SyncStatus.none(3, T0))).as("nothing to draw").isNull();
    }

    @Test
    void theChartEndsAtTheStatusThePageShowsWithoutKeepingIt() {
        LagSamples samples = new LagSamples(properties(Duration.ofSeconds(1), Duration.ofSeconds(60)));
        samples.record(streaming(1, T0, 2048));

        LagChart chart = samples.chart(1, streaming(1, T0.plusMillis(500), 0));

        assertThat(chart.points()).isEqualTo("583.6,12.0 588.0,140.0");
        assertThat(chart.latestText()).isEqualTo("Lag now: 0 B · 0.5 s");
        assertThat(samples.of(1)).hasSize(1);
        assertThat(samples.chart(1, streaming(1, T0.minusSeconds(1), 0)).latestText())
            .as("an older status than the ring's newest is not drawn")
            .isEqualTo("Lag now: 2.0 kB · 0.5 s");
    }

}
