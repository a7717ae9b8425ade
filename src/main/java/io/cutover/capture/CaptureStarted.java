package io.cutover.capture;

import org.springframework.modulith.NamedInterface;

/** Published when the cluster's changes start being captured for a rollback. */
@NamedInterface("events")
public record CaptureStarted(long migrationId, int tables) {
}
