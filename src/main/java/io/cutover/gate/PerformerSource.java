package io.cutover.gate;

import java.util.Map;
import java.util.Set;
import org.springframework.modulith.NamedInterface;

/**
 * Work on steps that the migration module's completions do not show, such as runs that
 * were started (and perhaps failed). Modules that start work implement this; the gate
 * counts it for separation of duties and for whether a phase has started.
 */
@NamedInterface("spi")
public interface PerformerSource {

    /** Step id to the users who started work on it. */
    Map<String, Set<String>> performersByStep(long migrationId);

}
