package io.cutover.logstream;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * @param batchSize most events written to H2 in one batch
 * @param flushInterval longest an event waits before its batch is written
 * @param keepRecent stored events each live run keeps in memory, so that viewers who
 * connect late or fall a little behind read from memory rather than from H2 (20,000 is 2
 * s at 10,000 lines/s: kept longer, the tail outlived young collections and filled the
 * old generation; H2 reads of a run's blocks are cheap)
 * @param keepRecentBytes cap on the memory those kept events take (long lines reach it
 * first)
 * @param heartbeat interval of SSE comments that keep idle streams open through proxies
 * @param sendInterval how often the batch of new events is built for the viewers that
 * follow a live run's tail (one SSE write per viewer per interval)
 * @param fanOutBytes cap on the encoded batches each live run keeps for its viewers to
 * share; a viewer further behind reads on its own from memory or H2
 * @param sseTimeout how long one SSE connection may stay open (browsers reconnect after
 * it)
 * @param maxViewers SSE connections served at once; more are refused with 503
 * @param feedSenders threads that send feed events (sync status, page updates) to all
 * their viewers
 * @param maxLineLength longer lines are split, so one line can never exhaust memory or a
 * column
 */
@Validated
@ConfigurationProperties("cutover.logstream")
record LogStreamProperties(@Min(1) @Max(100_000) @DefaultValue("2000") int batchSize,
        @DefaultValue("50ms") Duration flushInterval, @Min(0) @DefaultValue("20000") int keepRecent,
        @DefaultValue("16MB") DataSize keepRecentBytes, @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("50ms") Duration sendInterval, @DefaultValue("30m") Duration sseTimeout,
        @Min(1) @DefaultValue("1000") int maxViewers, @Min(1) @Max(64) @DefaultValue("2") int feedSenders,
        @Min(256) @Max(16384) @DefaultValue("8192") int maxLineLength, @DefaultValue("16MB") DataSize fanOutBytes) {
}
