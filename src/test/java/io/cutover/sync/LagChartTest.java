package io.cutover.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The lag chart's geometry: plot area x 64..588, y 12..140 in a 600 × 170 SVG; the newest
 * sample at the right edge, the window's start at the left.
 */
class LagChartTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:05:00Z");

    private static final long MB = 1024 * 1024;

    @Test
    void drawsTheSamplesAgainstTimeAndANiceScale() {
        List<LagSamples.Sample> samples = List.of(new LagSamples.Sample(NOW.minusSeconds(300), 0, null),
                new LagSamples.Sample(NOW.minusSeconds(150), 5 * MB, 2.0),
                new LagSamples.Sample(NOW, 3 * MB / 2, 1.26));

        LagChart chart = LagChart.of(samples, Duration.ofMinutes(5));

        assertThat(chart.points()).isEqualTo("64.0,140.0 326.0,12.0 588.0,101.6");
        assertThat(chart.yTicks()).containsExactly(new LagChart.Tick(140, "0 B"), new LagChart.Tick(76, "2.5 MB"),
                new LagChart.Tick(12, "5.0 MB"));
        assertThat(chart.xTicks()).containsExactly(new LagChart.Tick(64, "5 min ago"),
                new LagChart.Tick(326, "2 min 30 s ago"), new LagChart.Tick(588, "now"));
        assertThat(chart.latestX()).isEqualTo(588);
        assertThat(chart.latestY()).isCloseTo(101.6, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(chart.latestText()).isEqualTo("Lag now: 1.5 MB · 1.3 s");
        assertThat(chart.label()).isEqualTo("Sync lag over the last 5 min, now 1.5 MB · 1.3 s");
    }

    @Test
    void samplesOlderThanTheWindowSitOnItsLeftEdge() {
        LagChart chart = LagChart.of(
                List.of(new LagSamples.Sample(NOW.minusSeconds(90), 2048, null), new LagSamples.Sample(NOW, 0, null)),
                Duration.ofSeconds(60));

        assertThat(chart.points()).isEqualTo("64.0,12.0 588.0,140.0");
        assertThat(chart.latestText()).isEqualTo("Lag now: 0 B");
        assertThat(chart.xTicks()).extracting(LagChart.Tick::label).containsExactly("1 min ago", "30 s ago", "now");
    }

    @Test
    void theScaleEndsAtOneTwoOrFiveOfABinaryUnitAndAtLeastOneKilobyte() {
        assertThat(LagChart.scaleTop(0)).isEqualTo(1024);
        assertThat(LagChart.scaleTop(700)).isEqualTo(1024);
        assertThat(LagChart.scaleTop(1500)).isEqualTo(2048);
        assertThat(LagChart.scaleTop(3 * MB)).isEqualTo(5 * MB);
        assertThat(LagChart.scaleTop(120 * MB)).isEqualTo(200 * MB);
        assertThat(LagChart.scaleTop(2 * 1024 * MB)).isEqualTo(2 * 1024 * MB);
    }

    @Test
    void noSamplesDrawNoChart() {
        assertThat(LagChart.of(List.of(), Duration.ofMinutes(5))).isNull();
    }

}
