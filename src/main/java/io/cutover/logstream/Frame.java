package io.cutover.logstream;

/**
 * An event with its SSE text, formatted once when it is written: two hundred viewers of
 * the same run share the one string instead of each quoting and framing every line again.
 */
record Frame(LogEvent event, String sse) {

    static Frame of(LogEvent e) {
        return new Frame(e, "id:" + e.seq() + "\nevent:" + eventName(e.channel()) + "\ndata:" + data(e) + "\n\n");
    }

    static String eventName(Channel channel) {
        return switch (channel) {
            case OUT, ERR, SYS -> "line";
            case STATUS -> "status";
            case HINT -> "hint";
            case PROGRESS -> "progress";
            case END -> "end";
        };
    }

    /**
     * Lines as small JSON objects; status, hint, progress and end events are JSON
     * already. Never spans lines.
     */
    static String data(LogEvent e) {
        return switch (e.channel()) {
            case OUT, ERR, SYS -> "{\"s\":\"" + e.channel().code() + "\",\"t\":" + e.ts().toEpochMilli() + ",\"x\":"
                    + Json.quote(e.text()) + "}";
            default -> e.text().replace("\n", " ");
        };
    }
}
