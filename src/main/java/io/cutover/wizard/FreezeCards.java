package io.cutover.wizard;

import io.cutover.capture.ReverseCaptures;
import io.cutover.freeze.SourceFreezes;
import io.cutover.runbook.Phase;
import io.cutover.runbook.Step;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The freeze and reverse-capture card of the Cutover and Rollback phases: what is
 * blocked, the proof, rows captured since the switch.
 */
@Component
class FreezeCards {

    /** The checks whose phase shows the card. */
    private static final Set<String> CHECKS = Set.of("source-freeze", "freeze-proof", "reverse-capture-start",
            "reverse-replay", "source-unfreeze");

    private final SourceFreezes freezes;

    private final ReverseCaptures captures;

    FreezeCards(SourceFreezes freezes, ReverseCaptures captures) {
        this.freezes = freezes;
        this.captures = captures;
    }

    static boolean shownOn(Phase phase) {
        return phase.steps().stream().map(Step::check).filter(java.util.Objects::nonNull).anyMatch(CHECKS::contains);
    }

    /**
     * @param captureError why the cluster's capture could not be read now (never its
     * connection's values)
     */
    record FreezeCard(long migrationId, SourceFreezes.FreezeSummary freeze, ReverseCaptures.Captured capture,
            String captureError) {
    }

    FreezeCard of(long migrationId) {
        Optional<SourceFreezes.FreezeSummary> freeze = freezes.summary(migrationId);
        try {
            return new FreezeCard(migrationId, freeze.orElse(null), captures.captured(migrationId), null);
        }
        catch (SQLException e) {
            return new FreezeCard(migrationId, freeze.orElse(null), null,
                    "The cluster's capture could not be read just now (SQLSTATE " + e.getSQLState() + ")");
        }
    }

}
