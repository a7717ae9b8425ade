package io.cutover.logstream;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Consecutive events of one run stored as one {@code run_log} row (stream
 * {@value #STREAM}): the row's seq and ts are those of its last event, its text holds
 * every event as {@code seq micros channel length:text}, one after another. A fast
 * child's output becomes a row per hundred lines instead of a row per line: at 10,000
 * lines/s the per-row work of H2 (copying its B-tree's pages for each insert) was the
 * larger part of the panel's allocation, and the writer fell seconds behind. Because a
 * block's key is its last seq, {@code seq > cursor ORDER BY seq} still finds the events
 * after any cursor, the first of them possibly in the middle of a block.
 */
final class LogBlock {

    static final String STREAM = "block";

    /** The text column's size in characters. */
    static final int MAX_CHARS = 16384;

    /**
     * Fewer consecutive events than this are stored a row each: a slow child's lines stay
     * rows of their own.
     */
    static final int MIN_EVENTS = 64;

    private LogBlock() {
    }

    /**
     * Splits the events of one run, in seq order, into blocks of whole events that fit
     * the column; an event too large for any block is left alone (a list of one).
     */
    static List<List<LogEvent>> pack(List<LogEvent> events) {
        List<List<LogEvent>> blocks = new ArrayList<>();
        List<LogEvent> current = new ArrayList<>();
        int chars = 0;
        for (LogEvent e : events) {
            int size = encodedLength(e);
            if (!current.isEmpty() && chars + size > MAX_CHARS) {
                blocks.add(current);
                current = new ArrayList<>();
                chars = 0;
            }
            current.add(e);
            chars += size;
        }
        if (!current.isEmpty()) {
            blocks.add(current);
        }
        return blocks;
    }

    static String encode(List<LogEvent> block) {
        StringBuilder out = new StringBuilder(MAX_CHARS);
        for (LogEvent e : block) {
            out.append(e.seq())
                .append(' ')
                .append(micros(e.ts()))
                .append(' ')
                .append(e.channel().code())
                .append(' ')
                .append(e.text().length())
                .append(':')
                .append(e.text());
        }
        return out.toString();
    }

    /** The events of a block whose seq is after {@code afterSeq}, in order. */
    static void decode(long runId, String text, long afterSeq, int max, List<LogEvent> into) {
        int at = 0;
        while (at < text.length() && into.size() < max) {
            int a = text.indexOf(' ', at);
            int b = text.indexOf(' ', a + 1);
            int c = text.indexOf(' ', b + 1);
            int d = text.indexOf(':', c + 1);
            long seq = Long.parseLong(text, at, a, 10);
            int length = Integer.parseInt(text, c + 1, d, 10);
            if (seq > afterSeq) {
                long micros = Long.parseLong(text, a + 1, b, 10);
                Instant ts = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000),
                        Math.floorMod(micros, 1_000_000) * 1000L);
                into.add(new LogEvent(runId, seq, ts, Channel.of(text.substring(b + 1, c)),
                        text.substring(d + 1, d + 1 + length)));
            }
            at = d + 1 + length;
        }
    }

    private static long micros(Instant ts) {
        return ts.getEpochSecond() * 1_000_000 + ts.getNano() / 1000;
    }

    /** Characters {@link #encode} takes for one event (an upper bound). */
    private static int encodedLength(LogEvent e) {
        return 20 + 1 + 20 + 1 + 8 + 1 + 6 + e.text().length();
    }

}
