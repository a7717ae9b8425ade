package io.cutover.migration;

import java.util.List;
import org.springframework.modulith.NamedInterface;

/**
 * Published when a guard refuses a parameter change (the strategy after the cutover
 * started), so the audit trail shows the attempt; names only, never values.
 */
@NamedInterface("events")
public record ParameterChangeRefused(long migrationId, List<String> parameterIds, String actor, String reason) {
}
