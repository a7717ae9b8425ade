package io.cutover.sync;

import static io.cutover.verify.Sizes.human;

import io.cutover.execution.LaunchGuard;
import io.cutover.runbook.DowntimeMark;
import io.cutover.runbook.Step;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * With continuous sync, stopping the app starts a downtime whose data part is the drain:
 * refuse to stop it while the stream is not running or a large backlog (a big transaction
 * just committed) is still draining, and say how long that will take. Flows are never
 * held up: a rollback must be able to stop the app whatever the stream is doing.
 */
@Component
record BacklogLaunchGuard(SyncConnections connections, SyncStreamRepository streams,
        LagMonitor monitor) implements LaunchGuard {

    @Override
    public Optional<String> refusal(long migrationId, Step step) {
        if (step.downtime() != DowntimeMark.START || !connections.continuous(migrationId)
                || connections.inFlow(migrationId, step)) {
            return Optional.empty();
        }
        Optional<SyncStream> stream = streams.find(migrationId);
        if (stream.isPresent() && stream.get().drainedLsn() != null) {
            return Optional.empty(); // the cutover's drain is done; stopping the app
                                     // again changes nothing for the sync
        }
        if (stream.isEmpty() || stream.get().state() != SyncState.STREAMING) {
            return Optional.of("Continuous sync is not streaming ("
                    + stream.map(s -> s.state().name().toLowerCase()).orElse("not started")
                    + "): start it in the Data migration phase, or switch the strategy to full re-dump, before stopping the app");
        }
        SyncStatus status = monitor.sample(migrationId);
        if (status.problem() != null) {
            return Optional.of("Continuous sync needs attention before the app stops: " + status.problem());
        }
        SyncStatus.Backlog backlog = status.backlog();
        if (backlog != null) {
            String eta = backlog.etaSeconds() == null ? "its pace is not known yet" : "about "
                    + Math.round(backlog.etaSeconds()) + " s left at " + human(backlog.applyBytesPerSecond()) + "/s";
            return Optional.of("The target is " + human(backlog.bytes()) + " behind the source (" + eta
                    + "). Stopping the app now would add that drain to"
                    + " the downtime: wait until the wizard shows the backlog drained.");
        }
        return Optional.empty();
    }

}
