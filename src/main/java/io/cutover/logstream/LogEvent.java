package io.cutover.logstream;

import java.time.Instant;

/** One event of a run's log; {@code seq} orders them and is the SSE event id. */
public record LogEvent(long runId, long seq, Instant ts, Channel channel, String text) {
}
