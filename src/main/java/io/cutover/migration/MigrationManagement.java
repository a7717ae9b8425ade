package io.cutover.migration;

import io.cutover.runbook.Parameter;
import io.cutover.runbook.Phase;
import io.cutover.runbook.Runbook;
import io.cutover.runbook.Runbooks;
import io.cutover.shared.Actor;
import io.cutover.shared.ConflictException;
import io.cutover.shared.InvalidInputException;
import io.cutover.shared.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The migration module's facade: create and read migrations, and record that steps were
 * done.
 */
@Service
@Transactional(readOnly = true)
public class MigrationManagement {

    private static final int MAX_NAME = 100;

    /** The note column's size. */
    static final int MAX_NOTE = 2000;

    private final MigrationRepository migrations;

    private final StepCompletionRepository completions;

    private final StepVoidRepository voids;

    private final ParameterBinder binder;

    private final Runbooks runbooks;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    private final List<ParameterChangeGuard> changeGuards;

    MigrationManagement(MigrationRepository migrations, StepCompletionRepository completions, StepVoidRepository voids,
            ParameterBinder binder, Runbooks runbooks, ApplicationEventPublisher events, Clock clock,
            List<ParameterChangeGuard> changeGuards) {
        this.migrations = migrations;
        this.completions = completions;
        this.voids = voids;
        this.binder = binder;
        this.runbooks = runbooks;
        this.events = events;
        this.clock = clock;
        this.changeGuards = changeGuards;
    }

    @Transactional
    public MigrationDetails create(CreateMigration command, Actor actor) {
        String name = command.name() == null ? "" : command.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw new InvalidInputException("A migration needs a name of 1 to " + MAX_NAME + " characters",
                    Map.of("name", "Give the migration a name"));
        }
        Runbook runbook = runbooks.find(command.runbookId())
            .orElseThrow(() -> new InvalidInputException("No runbook '" + command.runbookId() + "' is installed",
                    Map.of("runbookId", "Unknown runbook")));
        if (migrations.existsByNameIgnoreCase(name)) {
            throw new InvalidInputException("A migration named '" + name + "' already exists",
                    Map.of("name", "This name is taken"));
        }
        Map<String, MigrationParam> bound = binder.bind(runbook, command.values(), Map.of(), true);
        Migration saved = migrations.save(Migration.create(name, runbook.id(), runbook.version(), actor.username(),
                clock.instant(), new HashSet<>(bound.values())));
        events.publishEvent(new MigrationCreated(saved.id(), name, runbook.id(), actor.username()));
        return toDetails(saved, runbook);
    }

    /** Changes parameter values; blank secret fields keep what is stored. */
    @Transactional
    public MigrationDetails updateParameters(long migrationId, Map<String, String> values, Actor actor) {
        Migration migration = load(migrationId);
        Runbook runbook = runbooks.get(migration.runbookId());
        Map<String, MigrationParam> current = migration.params()
            .stream()
            .collect(Collectors.toMap(MigrationParam::name, Function.identity()));
        Map<String, MigrationParam> bound = binder.bind(runbook, values, current, false);
        List<String> changed = bound.values()
            .stream()
            .filter(p -> !p.equals(current.get(p.name())))
            .map(MigrationParam::name)
            .sorted()
            .toList();
        for (ParameterChangeGuard guard : changeGuards) {
            guard.refusal(migrationId, runbook, changed).ifPresent(reason -> {
                events.publishEvent(new ParameterChangeRefused(migrationId, changed, actor.username(), reason));
                throw new ConflictException(reason);
            });
        }
        bound.values().forEach(migration::put);
        migrations.save(migration);
        if (!changed.isEmpty()) {
            events.publishEvent(new ParametersChanged(migrationId, changed, actor.username()));
        }
        return toDetails(migration, runbook);
    }

    /**
     * Sets a parameter from a step's output (the cluster id, the URLs printed by
     * {@code fly mpg
     * create}, the app's old DATABASE_URL), validated and sealed like typed input.
     */
    @Transactional
    public void setCaptured(long migrationId, String parameterId, String value, Long runId, Actor actor) {
        Migration migration = load(migrationId);
        Runbook runbook = runbooks.get(migration.runbookId());
        Map<String, MigrationParam> current = migration.params()
            .stream()
            .collect(Collectors.toMap(MigrationParam::name, Function.identity()));
        Map<String, MigrationParam> bound = binder.bind(runbook, Map.of(parameterId, value), current, false);
        migration.put(bound.get(parameterId));
        migrations.save(migration);
        events.publishEvent(new ParameterCaptured(migrationId, parameterId, runId, actor.username()));
    }

    /**
     * Values for a run, secrets decrypted. Callers must keep them out of logs, pages and
     * argv.
     */
    public ExecutionValues executionValues(long migrationId) {
        Migration migration = load(migrationId);
        Runbook runbook = runbooks.get(migration.runbookId());
        return binder.reveal(runbook, migration.params());
    }

    public List<MigrationSummary> list() {
        return migrations.summaries();
    }

    public MigrationDetails details(long migrationId) {
        Migration migration = load(migrationId);
        return toDetails(migration, runbooks.get(migration.runbookId()));
    }

    public Runbook runbookOf(long migrationId) {
        return runbooks.get(load(migrationId).runbookId());
    }

    /**
     * Takes the migration's row lock for the rest of the caller's transaction, so that a
     * gate check and the change it allows cannot interleave with another user's action.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lockForChange(long migrationId) {
        migrations.lock(migrationId).orElseThrow(() -> notFound(migrationId));
    }

    /** Completions that still count: those a later void covers are left out. */
    public List<Completion> completions(long migrationId) {
        Map<String, Long> voidThrough = new java.util.HashMap<>();
        voids.findByMigration(migrationId).forEach(v -> voidThrough.merge(v.stepId(), v.voidThrough(), Math::max));
        return completions.findByMigration(migrationId)
            .stream()
            .filter(c -> c.id() > voidThrough.getOrDefault(c.stepId(), 0L))
            .map(StepCompletion::toView)
            .toList();
    }

    /**
     * Makes the steps' completions so far stop counting (a run that overwrote the target
     * failed or was cancelled, so what they attested is no longer true). Steps never done
     * are skipped.
     * @return the steps that were done and now are not
     */
    @Transactional
    public List<String> voidCompletions(long migrationId, List<String> stepIds, String reason, String actor,
            Long runId) {
        Map<String, Long> latest = new java.util.HashMap<>();
        completions(migrationId).forEach(c -> latest.merge(c.stepId(), c.id(), Math::max));
        List<String> voided = stepIds.stream().distinct().filter(latest::containsKey).toList();
        Instant now = clock.instant();
        voided.forEach(
                step -> voids.save(new StepVoid(null, migrationId, step, latest.get(step), reason, actor, now, runId)));
        if (!voided.isEmpty()) {
            events.publishEvent(new StepsVoided(migrationId, voided, reason, actor, runId));
        }
        return voided;
    }

    /**
     * Records that a step was done. Callers check the gate first (under
     * {@link #lockForChange}).
     * @param runId the successful run that did it, or null for a manual step
     */
    @Transactional
    public Completion recordCompletion(long migrationId, String stepId, Actor actor, Long runId, String note) {
        InvalidInputException.requireAtMost("note", note, MAX_NOTE);
        Runbook runbook = runbookOf(migrationId);
        Phase phase = runbook.phaseOfStep(stepId)
            .orElseThrow(() -> new NotFoundException("Step '" + stepId + "' is not part of this runbook"));
        Instant now = clock.instant();
        StepCompletion saved = completions
            .save(new StepCompletion(null, migrationId, phase.id(), stepId, actor.username(), now, runId, note));
        events.publishEvent(new StepCompleted(migrationId, phase.id(), stepId, saved.id(), actor.username(), runId));
        return saved.toView();
    }

    private Migration load(long migrationId) {
        return migrations.findById(migrationId).orElseThrow(() -> notFound(migrationId));
    }

    private static NotFoundException notFound(long migrationId) {
        return new NotFoundException("There is no migration " + migrationId);
    }

    private static MigrationDetails toDetails(Migration migration, Runbook runbook) {
        List<ParameterView> parameters = runbook.parameters()
            .stream()
            .map((Parameter p) -> ParameterBinder.view(p, migration.param(p.id()).orElse(null)))
            .toList();
        return new MigrationDetails(migration.id(), migration.name(), migration.runbookId(), migration.runbookVersion(),
                migration.createdBy(), migration.createdAt(), parameters);
    }

}
