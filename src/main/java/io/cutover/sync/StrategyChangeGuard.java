package io.cutover.sync;

import io.cutover.migration.ParameterChangeGuard;
import io.cutover.runbook.Runbook;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * While a stream holds a slot, its strategy and the connections it streams between stay
 * as they are.
 */
@Component
class StrategyChangeGuard implements ParameterChangeGuard {

    private final SyncStreamRepository streams;

    StrategyChangeGuard(SyncStreamRepository streams) {
        this.streams = streams;
    }

    @Override
    public Optional<String> refusal(long migrationId, Runbook runbook, List<String> changed) {
        List<String> pinned = new ArrayList<>(runbook.connections().values());
        pinned.add(SyncConnections.STRATEGY);
        List<String> touched = changed.stream().filter(pinned::contains).toList();
        if (touched.isEmpty()) {
            return Optional.empty();
        }
        return streams.find(migrationId)
            .filter(s -> s.state().holdsSlot())
            .map(s -> "Continuous sync is " + s.state().name().toLowerCase() + " on slot " + s.slotName() + ": "
                    + String.join(", ", touched)
                    + " cannot change under it. Finish the cutover, or run 'Abort continuous sync' first.");
    }

}
