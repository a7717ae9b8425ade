package io.cutover.wizard;

import io.cutover.downtime.DowntimeChanged;
import io.cutover.downtime.DowntimeMeasured;
import io.cutover.execution.RunFinished;
import io.cutover.execution.RunStarted;
import io.cutover.logstream.SseFeeds;
import io.cutover.migration.StepCompleted;
import io.cutover.migration.StepsVoided;
import io.cutover.signoff.GateItemSigned;
import io.cutover.signoff.SignOffRevoked;
import io.cutover.signoff.SignOffVoided;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tells a migration's open pages that something they show changed. After the commit (so
 * the fragment fetched next reads the change), or at once when the event was published
 * outside a transaction. Only the word "changed" goes out: every page renders what it
 * shows itself.
 */
@Component
class MigrationFeed {

    private final SseFeeds feeds;

    MigrationFeed(SseFeeds feeds) {
        this.feeds = feeds;
    }

    static String topic(long migrationId) {
        return "migration-" + migrationId;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(RunStarted e) {
        changed(e.migrationId(), "run");
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(RunFinished e) {
        changed(e.migrationId(), "run");
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(StepCompleted e) {
        changed(e.migrationId(), "step");
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(StepsVoided e) {
        changed(e.migrationId(), "step");
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(GateItemSigned e) {
        changed(e.migrationId(), "sign-off");
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(SignOffRevoked e) {
        changed(e.migrationId(), "sign-off");
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(SignOffVoided e) {
        changed(e.migrationId(), "sign-off");
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(DowntimeChanged e) {
        changed(e.migrationId(), "downtime");
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(DowntimeMeasured e) {
        changed(e.migrationId(), "downtime");
    }

    private void changed(long migrationId, String what) {
        feeds.publish(topic(migrationId), "changed", "{\"what\":\"" + what + "\"}");
    }

}
