package io.cutover.migration;

import java.util.List;

/**
 * Published when a guard refuses a parameter change (the strategy after the cutover started), so
 * the audit trail shows the attempt; names only, never values.
 */
public record ParameterChangeRefused(long migrationId, List<String> parameterIds, String actor, String reason) {}
