package io.cutover.freeze;

import org.springframework.modulith.NamedInterface;

/**
 * Published when the proof has run.
 *
 * @param verdict what was found, naming the writes and the writer when it failed
 */
@NamedInterface("events")
public record FreezeProofJudged(long migrationId, boolean holds, String verdict) {}
