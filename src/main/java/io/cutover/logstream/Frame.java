package io.cutover.logstream;

import java.nio.charset.StandardCharsets;

/**
 * An event with its JSON encoded to UTF-8 once, when it is written: every batch sent to
 * every viewer copies these bytes instead of quoting and encoding the line again. A line
 * is {@code {"q":seq,"s":"out","t":epochMillis,"x":"text"}}; status, hint and end events
 * are JSON already.
 */
record Frame(LogEvent event, byte[] json) {

    static Frame of(LogEvent e) {
        return new Frame(e, data(e).getBytes(StandardCharsets.UTF_8));
    }

    boolean isLine() {
        return isLine(event.channel());
    }

    static boolean isLine(Channel channel) {
        return channel == Channel.OUT || channel == Channel.ERR || channel == Channel.SYS;
    }

    /** The SSE event name of a single event; lines travel together as "lines". */
    static String eventName(Channel channel) {
        return switch (channel) {
            case OUT, ERR, SYS -> SseBatch.LINES;
            case STATUS -> "status";
            case HINT -> "hint";
            case PROGRESS -> "progress";
            case END -> "end";
        };
    }

    /** Never spans lines (an SSE data field ends at a newline). */
    static String data(LogEvent e) {
        if (isLine(e.channel())) {
            return "{\"q\":" + e.seq() + ",\"s\":\"" + e.channel().code() + "\",\"t\":" + e.ts().toEpochMilli()
                    + ",\"x\":" + Json.quote(e.text()) + "}";
        }
        return e.text().replace("\n", " ").replace("\r", " ");
    }

    /** Approximate heap this frame holds, for the memory caps. */
    long heapBytes() {
        return json.length + 2L * event.text().length() + 120;
    }

}
