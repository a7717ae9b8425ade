package io.cutover.execution;

import io.cutover.gate.ChecklistGate;
import io.cutover.gate.RunAdmission;
import io.cutover.logstream.LogStream;
import io.cutover.migration.MigrationManagement;
import io.cutover.runbook.Runbook;
import io.cutover.runbook.Step;
import io.cutover.runbook.StepKind;
import io.cutover.runbook.Template;
import io.cutover.secrets.SecretRedactor;
import io.cutover.shared.Actor;
import io.cutover.shared.ConflictException;
import io.cutover.shared.ForbiddenException;
import io.cutover.shared.InvalidInputException;
import io.cutover.shared.NotFoundException;
import io.cutover.shared.Role;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.relational.core.conversion.DbActionExecutionException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The execution module's facade: start a step's run under the gate, cancel it, and read
 * runs. At most one run per migration is active; the database's unique constraint holds
 * that even when two operators press Run in the same instant.
 */
@Service
@Transactional(readOnly = true)
public class RunLauncher {

    private final RunRepository runs;

    private final ArtifactRepository artifacts;

    private final MigrationManagement migrations;

    private final ChecklistGate gate;

    private final LogStream logStream;

    private final RunWorker worker;

    private final RunRecorder recorder;

    private final ExecutorService workers;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    private final Map<Long, RunContext> active = new ConcurrentHashMap<>();

    private final Set<Long> cancelledWhileQueued = ConcurrentHashMap.newKeySet();

    private final List<LaunchGuard> guards;

    RunLauncher(RunRepository runs, ArtifactRepository artifacts, MigrationManagement migrations, ChecklistGate gate,
            LogStream logStream, RunWorker worker, RunRecorder recorder,
            @Qualifier(RunExecutorConfig.NAME) ExecutorService workers, ApplicationEventPublisher events, Clock clock,
            List<LaunchGuard> guards) {
        this.runs = runs;
        this.artifacts = artifacts;
        this.migrations = migrations;
        this.gate = gate;
        this.logStream = logStream;
        this.worker = worker;
        this.recorder = recorder;
        this.workers = workers;
        this.events = events;
        this.clock = clock;
        this.guards = guards;
    }

    /** Queues a run of a step that is not a re-run of a done step in a finished phase. */
    @Transactional
    public RunView start(long migrationId, String stepId, Actor actor, String confirmation) {
        return start(migrationId, stepId, actor, confirmation, false);
    }

    /**
     * Queues a run of a command, SQL or check step.
     * @param confirmation what the operator typed, for steps that need it (irreversible
     * ones)
     * @param rerun the operator's explicit yes to running again a step already done in a
     * phase already done
     */
    @Transactional
    public RunView start(long migrationId, String stepId, Actor actor, String confirmation, boolean rerun) {
        migrations.lockForChange(migrationId);
        // One reading of the gate's facts for the whole admission: the lock holds them.
        RunAdmission admission = gate.admitRun(migrationId, stepId, actor);
        Runbook runbook = migrations.runbookOf(migrationId);
        Step step = runbook.step(stepId).orElseThrow(() -> new NotFoundException("There is no step '" + stepId + "'"));
        if (step.kind() == StepKind.MANUAL) {
            throw new ConflictException("'" + step.title() + "' is a manual step: mark it done instead of running it");
        }
        runs.findActive(migrationId).ifPresent(r -> {
            throw busy(r);
        });
        // Refusals first: nobody should type a confirmation for a step the migration's
        // position forbids.
        for (LaunchGuard guard : guards) {
            guard.refusal(migrationId, step).ifPresent(reason -> {
                events.publishEvent(
                        new io.cutover.gate.ActionRefused(migrationId, actor.username(), "run step", stepId, reason));
                throw new ConflictException(reason);
            });
        }
        if (!rerun) {
            RerunConfirmation.require(admission.progress(), stepId);
        }
        if (step.needsConfirmation()) {
            requireTyped(migrationId, step.confirm(), confirmation, "'" + step.title() + "' cannot be undone");
        }
        if (step.confirmRefill() != null && recorder.filledByPanel(migrationId, runbook, Long.MAX_VALUE)) {
            requireTyped(migrationId, step.confirmRefill(), confirmation,
                    "The target holds what the panel copied there before: '" + step.title() + "' empties it first");
        }
        admission.workStarted();
        Run run;
        try {
            run = runs.save(Run.queue(migrationId, runbook.phaseOfStep(stepId).orElseThrow().id(), stepId,
                    step.kind().name(), actor.username(), clock.instant()));
        }
        catch (DbActionExecutionException e) {
            if (e.getCause() instanceof DuplicateKeyException) {
                throw new ConflictException(
                        "Another run of this migration started at the same moment; wait for it or cancel it");
            }
            throw e;
        }
        RunView queued = run.toView();
        logStream.open(run.id(), SecretRedactor.urlPasswordsOnly(), List.of()).status(RunJson.status(queued));
        events.publishEvent(new RunStarted(migrationId, run.id(), stepId, actor.username(), step.title()));
        afterCommit(() -> submit(run.id()));
        return queued;
    }

    @Transactional
    public RunView cancel(long runId, Actor actor) {
        return cancel(runId, actor, null);
    }

    /**
     * @param confirmation "cancel", typed, for a run of a step that destroys something:
     * stopping it half way leaves a partial result
     */
    @Transactional
    public RunView cancel(long runId, Actor actor, String confirmation) {
        if (!actor.hasRole(Role.OPERATOR)) {
            throw new ForbiddenException("Only an operator may cancel a run");
        }
        Run run = runs.findById(runId).orElseThrow(() -> new NotFoundException("There is no run " + runId));
        if (!run.status().active()) {
            throw new ConflictException("Run " + runId + " has already ended (" + run.status() + ")");
        }
        Step step = migrations.runbookOf(run.migrationId()).step(run.stepId()).orElseThrow();
        RerunConfirmation.requireCancel(step, confirmation);
        RunContext ctx = active.get(runId);
        if (ctx != null) {
            afterCommit(() -> ctx.cancel(actor.username()));
        }
        else {
            cancelledWhileQueued.add(runId);
        }
        return run.toView();
    }

    public Optional<RunView> find(long runId) {
        return runs.findById(runId).map(Run::toView);
    }

    public RunView get(long runId) {
        return find(runId).orElseThrow(() -> new NotFoundException("There is no run " + runId));
    }

    public List<RunView> forMigration(long migrationId) {
        return runs.findByMigration(migrationId).stream().map(Run::toView).toList();
    }

    public List<RunView> forStep(long migrationId, String stepId) {
        return runs.findByStep(migrationId, stepId).stream().map(Run::toView).toList();
    }

    /** The newest run of each step that has one. */
    public Map<String, RunView> latestByStep(long migrationId) {
        Map<String, RunView> latest = new LinkedHashMap<>();
        for (Run run : runs.findByMigration(migrationId)) {
            latest.putIfAbsent(run.stepId(), run.toView());
        }
        return latest;
    }

    public List<ArtifactView> artifacts(long migrationId) {
        return artifacts.forMigration(migrationId);
    }

    public Optional<ArtifactView> newestArtifact(long migrationId, String kind) {
        return artifacts.newest(migrationId, kind);
    }

    private void submit(long runId) {
        try {
            workers.execute(() -> {
                RunContext ctx = null;
                try {
                    ctx = worker.prepare(runId);
                    active.put(runId, ctx);
                    if (cancelledWhileQueued.remove(runId)) {
                        ctx.cancel("an operator");
                    }
                    worker.execute(ctx);
                }
                catch (RuntimeException e) {
                    recorder.finish(runId, RunStatus.FAILED, null, "Could not start: " + e.getMessage(), null, null,
                            Map.of(), Map.of());
                    logStream.open(runId, SecretRedactor.urlPasswordsOnly(), List.of()).end(RunJson.status(get(runId)));
                }
                finally {
                    active.remove(runId);
                }
            });
        }
        catch (RejectedExecutionException full) {
            recorder.finish(runId, RunStatus.FAILED, null, "The panel is running too many steps at once; try again",
                    null, null, Map.of(), Map.of());
            logStream.open(runId, SecretRedactor.urlPasswordsOnly(), List.of()).end(RunJson.status(get(runId)));
        }
    }

    /** Whether no run is executing in this panel. */
    boolean idle() {
        return active.isEmpty();
    }

    /**
     * Ends every active run's processes when the panel stops; each run then records
     * itself INTERRUPTED.
     */
    void interruptAll() {
        active.values().forEach(ctx -> ctx.cancel(RunContext.SHUTDOWN));
    }

    private void requireTyped(long migrationId, String template, String confirmation, String why) {
        String expected = Template.render(template, name -> migrations.details(migrationId).display(name));
        if (confirmation == null || !confirmation.strip().equals(expected)) {
            throw new InvalidInputException(why + ": type " + expected + " to confirm",
                    Map.of("confirm", "Type " + expected + " to confirm"));
        }
    }

    private static ConflictException busy(Run run) {
        return new ConflictException("Run " + run.id() + " of step '" + run.stepId() + "' is still "
                + run.status().name().toLowerCase() + "; one run at a time per migration — wait for it or cancel it");
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        }
        else {
            action.run();
        }
    }

}
