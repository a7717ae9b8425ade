package io.cutover.freeze;

import java.time.Instant;
import org.springframework.modulith.NamedInterface;

/**
 * Published when the proof has run.
 *
 * @param verdict what was found, naming the writes and the writer when it failed
 * @param startedAt when the proof began (with {@code endedAt}, its share of the downtime
 * window)
 */
@NamedInterface("events")
public record FreezeProofJudged(long migrationId, boolean holds, String verdict, Instant startedAt, Instant endedAt) {
}
