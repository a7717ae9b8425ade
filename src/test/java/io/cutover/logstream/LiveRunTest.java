package io.cutover.logstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * The tail a live run keeps in memory is bounded by bytes too, and never drops what the
 * store lacks.
 */
class LiveRunTest {

    private static final String LONG_LINE = "x".repeat(4000);

    @Test
    void longLinesAreLetGoOnceStoredSoTheTailCannotExhaustMemory() {
        LiveRun run = new LiveRun(1, 0, 1_000_000, 1024 * 1024, Clock.systemUTC());
        for (int i = 0; i < 10_000; i++) {
            run.append(Channel.OUT, LONG_LINE);
        }
        run.stored(5_000);

        assertThat(run.after(0, 10))
            .as("the oldest lines are no longer in memory: the viewer reads them from the store")
            .isNull();
        assertThat(run.after(9_990, 100)).as("the newest lines are still served from memory").hasSize(10);
    }

    @Test
    void linesNotYetStoredStayInMemoryWhateverTheirSize() {
        LiveRun run = new LiveRun(1, 0, 10, 1024, Clock.systemUTC());
        for (int i = 0; i < 10_000; i++) {
            run.append(Channel.OUT, LONG_LINE);
        }
        run.stored(0);

        assertThat(run.after(0, 20_000)).as("nothing is stored yet, so nothing may leave memory").hasSize(10_000);
    }

}
