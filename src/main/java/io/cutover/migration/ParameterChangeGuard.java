package io.cutover.migration;

import io.cutover.runbook.Runbook;
import java.util.List;
import java.util.Optional;
import org.springframework.modulith.NamedInterface;

/**
 * A module's veto on changing parameters while work that depends on them is under way
 * (the sync strategy cannot change while a replication stream runs). Consulted before the
 * change is saved.
 */
@NamedInterface("spi")
public interface ParameterChangeGuard {

    /** Why these parameters must not change now; empty to allow it. */
    Optional<String> refusal(long migrationId, Runbook runbook, List<String> changedParameterIds);

}
