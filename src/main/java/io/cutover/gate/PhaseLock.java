package io.cutover.gate;

import java.util.Map;
import org.springframework.modulith.NamedInterface;

/**
 * A module's reason to keep phases locked whatever their steps and checklists say (after
 * a rollback, decommission waits for a new cutover). Implementations must not ask the
 * gate for progress: the gate asks them while it computes it.
 */
@NamedInterface("spi")
public interface PhaseLock {

    /**
     * Phase id to the reason it is locked now; phases absent from the map are not held.
     */
    Map<String, String> locks(long migrationId);

}
