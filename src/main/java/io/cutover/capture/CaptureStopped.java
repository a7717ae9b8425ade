package io.cutover.capture;

import org.springframework.modulith.NamedInterface;

/**
 * Published when the capture leaves the cluster.
 *
 * @param changes changes it held when it was removed
 * @param why "replayed onto Flex" (rollback) or "the migration is final" (decommission)
 */
@NamedInterface("events")
public record CaptureStopped(long migrationId, int tables, long changes, String why) {
}
