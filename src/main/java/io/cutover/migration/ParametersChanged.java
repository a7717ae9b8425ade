package io.cutover.migration;

import java.util.List;
import org.springframework.modulith.NamedInterface;

/** Published when parameter values change; carries names only, never values. */
@NamedInterface("events")
public record ParametersChanged(long migrationId, List<String> parameterIds, String actor) {
}
