package io.cutover.logstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A viewer who joins a long copy late gets every line but only the newest progress event:
 * the bar's value now, not its history.
 */
class LatestProgressTest {

    private static Frame frame(long seq, Channel channel, String text) {
        return Frame.of(new LogEvent(1, seq, Instant.EPOCH, channel, text));
    }

    @Test
    void supersededProgressIsLeftOutAndLinesAreKept() {
        List<Frame> frames = List.of(frame(1, Channel.SYS, "Copying"), frame(2, Channel.PROGRESS, "{\"done\":1}"),
                frame(3, Channel.OUT, "table a"), frame(4, Channel.PROGRESS, "{\"done\":2}"),
                frame(5, Channel.OUT, "table b"));

        List<Frame> kept = LogStream.latestProgressOnly(frames);

        assertThat(kept).extracting(f -> f.event().seq()).containsExactly(1L, 3L, 4L, 5L);
        assertThat(Frame.eventName(kept.get(2).event().channel())).isEqualTo("progress");
        assertThat(new String(kept.get(2).json(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("{\"done\":2}");
        assertThat(LogStream.latestProgressOnly(frames.subList(0, 1))).hasSize(1);
    }

}
