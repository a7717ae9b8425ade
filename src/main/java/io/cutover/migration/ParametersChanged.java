package io.cutover.migration;

import java.util.List;

/** Published when parameter values change; carries names only, never values. */
public record ParametersChanged(long migrationId, List<String> parameterIds, String actor) {}
