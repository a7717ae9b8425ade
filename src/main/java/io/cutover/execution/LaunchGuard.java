package io.cutover.execution;

import io.cutover.runbook.Step;
import java.util.Optional;
import org.springframework.modulith.NamedInterface;

/**
 * A module's veto on starting a step right now, for a reason only that module can see
 * (continuous sync refuses to stop the app while a large replication backlog is still
 * draining). Checked after the gate, before the run is queued.
 */
@NamedInterface("spi")
public interface LaunchGuard {

    /**
     * Why the step must not start now, in words an operator can act on; empty to let it
     * start.
     */
    Optional<String> refusal(long migrationId, Step step);

}
