package io.cutover.downtime;

import io.cutover.execution.RunFinished;
import io.cutover.freeze.FreezeProofJudged;
import io.cutover.freeze.SourceFrozen;
import io.cutover.execution.RunStatus;
import io.cutover.migration.MigrationManagement;
import io.cutover.runbook.DowntimeMark;
import io.cutover.runbook.Step;
import io.cutover.runbook.Template;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The downtime module's facade. Listens to finished runs: the step marked START opens a
 * window at the moment it succeeded; after the step marked END succeeds, the site is
 * polled until it answers 200, and that instant closes the window.
 */
@Service
public class DowntimeClock {

    private static final Logger log = LoggerFactory.getLogger(DowntimeClock.class);

    static final String FREEZE = "Freeze of the source";
    static final String PROOF = "Freeze proof";

    private final DowntimeRepository windows;

    private final MigrationManagement migrations;

    private final DowntimeProperties properties;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    private final TransactionTemplate inTransaction;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final ExecutorService pollers;

    DowntimeClock(DowntimeRepository windows, MigrationManagement migrations, DowntimeProperties properties,
            ApplicationEventPublisher events, Clock clock, PlatformTransactionManager transactions,
            @Qualifier(DowntimePollers.NAME) ExecutorService pollers) {
        this.pollers = pollers;
        this.inTransaction = new TransactionTemplate(transactions);
        this.windows = windows;
        this.migrations = migrations;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    /** Newest window first. */
    public List<DowntimeView> windows(long migrationId) {
        return windows.forMigration(migrationId);
    }

    public Optional<DowntimeView> latest(long migrationId) {
        return windows.forMigration(migrationId).stream().findFirst();
    }

    @ApplicationModuleListener
    void on(RunFinished run) {
        if (run.status() != RunStatus.SUCCEEDED) {
            return;
        }
        Optional<Step> step = migrations.runbookOf(run.migrationId()).step(run.stepId());
        DowntimeMark mark = step.map(Step::downtime).orElse(null);
        if (mark == DowntimeMark.START && windows.openWindow(run.migrationId()).isEmpty()) {
            windows.open(run.migrationId(), run.endedAt() != null ? run.endedAt() : clock.instant(), run.runId());
            events.publishEvent(new DowntimeChanged(run.migrationId(), "OPEN"));
        }
        else if (mark == DowntimeMark.END) {
            windows.openWindow(run.migrationId()).ifPresent(window -> {
                String site = Template.render(step.get().options().getOrDefault("siteUrl", ""),
                        migrations.details(run.migrationId())::display);
                windows.waitingForSite(window.id(), run.runId(), site);
                events.publishEvent(new DowntimeChanged(run.migrationId(), "WAITING_FOR_SITE"));
                pollers.execute(() -> awaitSite(window, site));
            });
        }
    }

    /**
     * The freeze of the source is a phase of the window it happens in, measured by the
     * freeze itself.
     */
    @ApplicationModuleListener
    void on(SourceFrozen e) {
        phase(e.migrationId(), new DowntimePhase(FREEZE, e.startedAt(), e.endedAt(),
                "roles blocked: " + e.blockedRoles().size() + ", sessions ended: " + e.endedSessions().size()));
    }

    @ApplicationModuleListener
    void on(FreezeProofJudged e) {
        phase(e.migrationId(), new DowntimePhase(PROOF, e.startedAt(), e.endedAt(), e.holds() ? "passed" : "failed"));
    }

    /**
     * Outside a window (a freeze rehearsed before the app was stopped) there is no
     * downtime to split.
     */
    private void phase(long migrationId, DowntimePhase phase) {
        windows.openWindow(migrationId).ifPresent(window -> {
            windows.addPhase(window.id(), phase);
            events.publishEvent(new DowntimeChanged(migrationId, window.status()));
        });
    }

    private void awaitSite(DowntimeView window, String site) {
        Instant giveUp = clock.instant().plus(properties.giveUpAfter());
        while (clock.instant().isBefore(giveUp)) {
            if (answers200(site)) {
                Instant up = clock.instant();
                // One transaction, so the audit trail (which listens after commit) hears
                // of it.
                inTransaction.executeWithoutResult(status -> {
                    if (!windows.close(window.id(), up)) {
                        return;
                    }
                    events.publishEvent(new DowntimeMeasured(window.migrationId(), window.id(),
                            Duration.between(window.startedAt(), up), site));
                });
                return;
            }
            try {
                Thread.sleep(properties.pollInterval().toMillis());
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        windows.gaveUp(window.id());
        events.publishEvent(new DowntimeChanged(window.migrationId(), "SITE_NOT_ANSWERING"));
        log.warn("Site {} did not answer 200 within {}; downtime window {} stays open", site, properties.giveUpAfter(),
                window.id());
    }

    private boolean answers200(String site) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(site)).timeout(Duration.ofSeconds(5)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        }
        catch (Exception notYet) {
            return false;
        }
    }

}
