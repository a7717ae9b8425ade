package io.cutover.logstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The bar's arithmetic: percent by bytes, rate over the window, time left, 10 % lines.
 */
class ProgressMeterTest {

    final List<String> events = new ArrayList<>();

    final List<String> lines = new ArrayList<>();

    final AtomicLong nanos = new AtomicLong();

    final RunLog log = new RunLog() {
        public void out(String line) {
        }

        public void err(String line) {
        }

        public void system(String line) {
            lines.add(line);
        }

        public void status(String json) {
        }

        public void progress(String json) {
            events.add(json);
        }

        public void end(String json) {
        }
    };

    ProgressMeter meter(long rows, long bytes) {
        return new ProgressMeter(log, "Rows copied", "rows", rows, bytes, Duration.ofSeconds(10), nanos::get);
    }

    void at(long seconds) {
        nanos.set(TimeUnit.SECONDS.toNanos(seconds));
    }

    /** The copy has reached rows and bytes at that second. */
    void sample(ProgressMeter m, long seconds, long rows, long bytes) {
        at(seconds);
        m.update(rows, bytes);
    }

    @Test
    void rateAndTimeLeftComeFromTheWindowNotFromTheStart() {
        ProgressMeter m = meter(10_000, 0);
        sample(m, 0, 0, 0);
        // A slow first 100 s: 1,000 rows.
        sample(m, 100, 1_000, 0);
        assertThat(m.rate()).isEqualTo(10.0);
        sample(m, 105, 2_000, 0);
        sample(m, 110, 3_000, 0);
        // The window holds 100 s..110 s now: 2,000 rows in 10 s.
        assertThat(m.rate()).isEqualTo(200.0);
        assertThat(m.secondsLeft()).isEqualTo(35);
        assertThat(events.get(events.size() - 1)).isEqualTo(
                "{\"label\":\"Rows copied\",\"unit\":\"rows\",\"done\":3000,\"total\":10000,\"bytesDone\":0,\"bytesTotal\":0,"
                        + "\"percent\":30,\"rate\":200,\"etaSeconds\":35,\"state\":\"running\"}");
    }

    @Test
    void percentAndTimeLeftGoByBytesWhenTheyAreKnown() {
        ProgressMeter m = meter(1_000, 1_000_000);
        sample(m, 0, 0, 0);
        // Few rows but most of the bytes: a table of wide rows.
        sample(m, 10, 100, 750_000);
        assertThat(m.percent()).isEqualTo(75);
        assertThat(m.secondsLeft()).isEqualTo(4);
    }

    @Test
    void doneNeverGoesBackNorBeyondTheTotalAndNothingMovingMeansNoTimeLeft() {
        ProgressMeter m = meter(500, 0);
        sample(m, 0, 300, 0);
        sample(m, 1, 200, 0);
        assertThat(m.done()).isEqualTo(300);
        assertThat(m.secondsLeft()).isEqualTo(-1);
        sample(m, 2, 900, 0);
        assertThat(m.done()).isEqualTo(500);
    }

    @Test
    void theLogGetsALineEveryTenPercentAndTheLastEventSaysHowItEnded() {
        ProgressMeter m = meter(100, 0);
        for (int i = 0; i <= 100; i += 5) {
            sample(m, i, i, 0);
        }
        assertThat(lines).hasSize(10);
        assertThat(lines.get(2)).isEqualTo("Progress 30 %: 30 of 100 rows, 1 rows/s, about 1m 10s left");
        m.finish(true);
        assertThat(lines).as("100 % once").hasSize(10);
        assertThat(events.get(events.size() - 1)).contains("\"percent\":100").endsWith("\"state\":\"done\"}");

        ProgressMeter failed = meter(100, 0);
        failed.update(40, 0);
        failed.finish(false);
        failed.update(60, 0);
        assertThat(events.get(events.size() - 1)).contains("\"done\":40", "\"percent\":40", "\"etaSeconds\":null")
            .endsWith("\"state\":\"failed\"}");
    }

    @Test
    void sizesAndDurationsReadLikeAPersonWouldSayThem() {
        assertThat(ProgressMeter.bytes(512)).isEqualTo("512 B");
        assertThat(ProgressMeter.bytes(3L * 1024 * 1024 * 1024 / 2)).isEqualTo("1.5 GiB");
        assertThat(ProgressMeter.duration(42)).isEqualTo("42s");
        assertThat(ProgressMeter.duration(125)).isEqualTo("2m 05s");
        assertThat(ProgressMeter.duration(3 * 3600 + 7 * 60)).isEqualTo("3h 07m");
    }

}
