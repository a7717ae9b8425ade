package io.cutover.logstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Events stored as one row come back exactly as they were written, from any cursor, and
 * no block outgrows the text column.
 */
class LogBlockTest {

    private static final Instant TS = Instant.parse("2026-12-03T06:40:01.123456Z");

    @Test
    void eventsComeBackExactlyWhateverTheirTextHolds() {
        List<LogEvent> written = List.of(new LogEvent(3, 10, TS, Channel.OUT, "plain"),
                new LogEvent(3, 11, TS.plusMillis(1), Channel.ERR, "12 34:56 spaces: and colons 5:"),
                new LogEvent(3, 12, TS, Channel.SYS, ""), new LogEvent(3, 13, TS, Channel.OUT, "ünïcødé ✓ \t tab"),
                new LogEvent(3, 14, TS, Channel.END, "{\"status\":\"SUCCEEDED\"}"));

        List<LogEvent> read = new ArrayList<>();
        LogBlock.decode(3, LogBlock.encode(written), 0, 100, read);

        assertThat(read).isEqualTo(written);
    }

    @Test
    void aCursorInTheMiddleOfABlockGetsOnlyTheEventsAfterIt() {
        List<LogEvent> written = new ArrayList<>();
        for (int seq = 1; seq <= 10; seq++) {
            written.add(new LogEvent(3, seq, TS, Channel.OUT, "line " + seq));
        }

        List<LogEvent> read = new ArrayList<>();
        LogBlock.decode(3, LogBlock.encode(written), 6, 3, read);

        assertThat(read).extracting(LogEvent::seq).containsExactly(7L, 8L, 9L);
    }

    @Test
    void blocksNeverOutgrowTheColumnAndKeepEveryEventInOrder() {
        List<LogEvent> written = new ArrayList<>();
        for (int seq = 1; seq <= 2000; seq++) {
            written.add(new LogEvent(3, seq, TS, Channel.OUT, "x".repeat(seq % 7 == 0 ? 8192 : 100)));
        }

        List<List<LogEvent>> blocks = LogBlock.pack(written);

        assertThat(blocks).allSatisfy(b -> assertThat(LogBlock.encode(b).length()).isLessThanOrEqualTo(16384));
        assertThat(blocks.stream().flatMap(List::stream).toList()).isEqualTo(written);
    }

}
