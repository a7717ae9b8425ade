package io.cutover.freeze;

import java.util.List;
import org.springframework.modulith.NamedInterface;

/**
 * Published when an unfreeze has run.
 *
 * @param differences what is not as before the freeze; empty when it was restored exactly
 */
@NamedInterface("events")
public record SourceUnfrozen(long migrationId, List<String> roles, List<String> differences) {
}
