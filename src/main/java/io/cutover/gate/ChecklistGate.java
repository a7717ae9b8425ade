package io.cutover.gate;

import io.cutover.migration.Completion;
import io.cutover.migration.MigrationDetails;
import io.cutover.migration.MigrationManagement;
import io.cutover.runbook.Gate;
import io.cutover.runbook.GateItem;
import io.cutover.runbook.Phase;
import io.cutover.runbook.Runbook;
import io.cutover.runbook.Step;
import io.cutover.runbook.StepKind;
import io.cutover.runbook.Template;
import io.cutover.shared.Actor;
import io.cutover.shared.ConflictException;
import io.cutover.shared.CutoverException;
import io.cutover.shared.ForbiddenException;
import io.cutover.shared.NotFoundException;
import io.cutover.shared.Role;
import io.cutover.signoff.DutiesCrossed;
import io.cutover.signoff.NewSignOff;
import io.cutover.signoff.SignOffView;
import io.cutover.signoff.SignOffs;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The gate module's facade. Every state-changing action on a migration's steps and
 * checklists goes through here: it takes the migration's lock, evaluates the gate rule on
 * current facts, and either lets the change through or refuses it with the reason (and an
 * audit record of the attempt).
 */
@Service
@Transactional(readOnly = true)
public class ChecklistGate {

    private final MigrationManagement migrations;

    private final SignOffs signOffs;

    private final List<PerformerSource> performerSources;

    private final List<PhaseLock> phaseLocks;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    ChecklistGate(MigrationManagement migrations, SignOffs signOffs, List<PerformerSource> performerSources,
            List<PhaseLock> phaseLocks, ApplicationEventPublisher events, Clock clock) {
        this.migrations = migrations;
        this.phaseLocks = phaseLocks;
        this.signOffs = signOffs;
        this.performerSources = performerSources;
        this.events = events;
        this.clock = clock;
    }

    public MigrationProgress progress(long migrationId) {
        return calculator(migrationId).compute(migrationId);
    }

    /** An operator marks a manual step done. */
    @Transactional
    public Completion completeManualStep(long migrationId, String stepId, Actor actor, String note) {
        String action = "complete step";
        requireRole(migrationId, actor, Role.OPERATOR, action, stepId);
        migrations.lockForChange(migrationId);
        Step step = stepOf(migrationId, stepId);
        if (step.kind() != StepKind.MANUAL) {
            throw refuse(migrationId, actor, action, stepId, new ConflictException("'" + step.title() + "' is a "
                    + step.kind().name().toLowerCase() + " step: run it instead of marking it done"));
        }
        assertStepMayAct(migrationId, stepId, actor, action);
        // A sign-off attesting this very step is voided by the new completion, with that
        // reason.
        crossDuties(migrationId, stepId, actor, s -> !s.evidence().containsKey(stepId));
        return migrations.recordCompletion(migrationId, stepId, actor, null, note);
    }

    /**
     * For an operator about to run a step: refuses a user without the OPERATOR role (403)
     * and a step whose phase or guarding checklist is closed (409). The facts are read
     * once: the admission carries the progress for the checks that follow and, for the
     * transaction that queues the run, the sign-offs of this operator that approve this
     * work, which stop counting once the run exists (the calculator sees the new
     * performer). The caller must hold the migration's lock, so nothing they depend on
     * changes in between.
     */
    public RunAdmission admitRun(long migrationId, String stepId, Actor actor) {
        requireRole(migrationId, actor, Role.OPERATOR, "run step", stepId);
        ProgressCalculator calculator = calculator(migrationId);
        MigrationProgress progress = calculator.compute(migrationId);
        assertMayAct(progress, migrationId, stepId, actor, "run step");
        return new RunAdmission(progress, () -> crossDuties(calculator, migrationId, stepId, actor, s -> true));
    }

    private void crossDuties(long migrationId, String stepId, Actor actor,
            java.util.function.Predicate<SignOffView> filter) {
        crossDuties(calculator(migrationId), migrationId, stepId, actor, filter);
    }

    private void crossDuties(ProgressCalculator calculator, long migrationId, String stepId, Actor actor,
            java.util.function.Predicate<SignOffView> filter) {
        List<SignOffView> crossed = calculator.crossedBy(actor.username(), stepId).stream().filter(filter).toList();
        if (!crossed.isEmpty()) {
            String title = stepOf(migrationId, stepId).title();
            events.publishEvent(new DutiesCrossed(migrationId, crossed.stream().map(SignOffView::id).toList(), stepId,
                    "Separation of duties: " + actor.username() + " signed this and then performed '" + title
                            + "', work the checklist approves"));
        }
    }

    /**
     * Refuses with {@link GateClosedException} unless the step may act now. Callers that
     * then change state must hold the migration's lock
     * ({@link MigrationManagement#lockForChange}) in the same transaction.
     */
    public void assertStepMayAct(long migrationId, String stepId, Actor actor, String action) {
        assertMayAct(progress(migrationId), migrationId, stepId, actor, action);
    }

    private void assertMayAct(MigrationProgress progress, long migrationId, String stepId, Actor actor, String action) {
        StepProgress step = progress.step(stepId).orElseThrow(() -> unknownStep(stepId));
        if (!step.mayAct()) {
            throw refuse(migrationId, actor, action, stepId,
                    new GateClosedException("'" + step.step().title() + "' cannot act: " + step.blockedReason()));
        }
    }

    @Transactional
    public SignOffView signOff(long migrationId, String itemId, Actor actor, String comment) {
        String action = "sign";
        requireRole(migrationId, actor, Role.APPROVER, action, itemId);
        migrations.lockForChange(migrationId);
        Runbook runbook = migrations.runbookOf(migrationId);
        Gate gate = runbook.gateOfItem(itemId)
            .orElseThrow(() -> new NotFoundException("There is no checklist item '" + itemId + "' in this runbook"));
        GateItem item = gate.items().stream().filter(i -> i.id().equals(itemId)).findFirst().orElseThrow();
        ProgressCalculator calculator = calculator(migrationId);
        MigrationProgress progress = calculator.compute(migrationId);
        GateProgress gateProgress = progress.gateOfItem(itemId).orElseThrow();
        ItemProgress itemProgress = progress.item(itemId).orElseThrow();
        if (!gateProgress.signable()) {
            throw refuse(migrationId, actor, action, itemId, new GateClosedException(
                    "'" + gate.title() + "' cannot be signed yet: " + gateProgress.closedReason()));
        }
        if (!itemProgress.missingEvidence().isEmpty()) {
            throw refuse(migrationId, actor, action, itemId, new ConflictException("'" + item.text()
                    + "' attests work that is not done yet: " + String.join(", ", itemProgress.missingEvidence())));
        }
        if (itemProgress.signedBy(actor.username())) {
            throw refuse(migrationId, actor, action, itemId,
                    new ConflictException("You have already signed '" + item.text() + "'"));
        }
        if (gate.critical()) {
            assertSeparationOfDuties(migrationId, actor, gate, item, calculator);
        }
        Map<String, Long> evidence = new LinkedHashMap<>();
        calculator.applicableEvidence(item)
            .forEach(stepId -> evidence.put(stepId, calculator.latest(stepId).orElseThrow().id()));
        return signOffs.record(new NewSignOff(migrationId, gate.id(), itemId, actor.username(), Role.APPROVER.name(),
                blankToNull(comment), evidence));
    }

    @Transactional
    public SignOffView revoke(long migrationId, long signOffId, Actor actor, String reason) {
        requireRole(migrationId, actor, Role.APPROVER, "revoke", Long.toString(signOffId));
        migrations.lockForChange(migrationId);
        return signOffs.revoke(migrationId, signOffId, actor, reason);
    }

    private void assertSeparationOfDuties(long migrationId, Actor actor, Gate gate, GateItem item,
            ProgressCalculator calculator) {
        List<String> phases = calculator.dutyPhases(gate);
        if (calculator.dutyPerformers(gate, item).contains(actor.username())) {
            throw refuse(migrationId, actor, "sign", item.id(),
                    new ForbiddenException("Separation of duties: you performed work this checklist approves (phases "
                            + String.join(", ", phases) + "); '" + gate.title()
                            + "' must be signed by approvers who did not do that work"));
        }
    }

    private ProgressCalculator calculator(long migrationId) {
        MigrationDetails details = migrations.details(migrationId);
        Runbook runbook = migrations.runbookOf(migrationId);
        Map<String, Set<String>> startedBy = new HashMap<>();
        for (PerformerSource source : performerSources) {
            source.performersByStep(migrationId)
                .forEach((step, users) -> startedBy.computeIfAbsent(step, k -> new HashSet<>()).addAll(users));
        }
        Map<String, String> locks = new HashMap<>();
        phaseLocks.forEach(lock -> lock.locks(migrationId).forEach(locks::putIfAbsent));
        return new ProgressCalculator(runbook, migrations.completions(migrationId), signOffs.forMigration(migrationId),
                startedBy, clock.instant(), stableDays(runbook, details), valuesOf(runbook, details), locks);
    }

    /**
     * Shown values, with the runbook's default for a parameter the migration predates.
     */
    static java.util.function.Function<String, String> valuesOf(Runbook runbook, MigrationDetails details) {
        return id -> {
            String shown = details.display(id);
            return shown.isEmpty() ? runbook.parameter(id).map(io.cutover.runbook.Parameter::defaultValue).orElse("")
                    : shown;
        };
    }

    private static int stableDays(Runbook runbook, MigrationDetails details) {
        return runbook.phases()
            .stream()
            .filter(Phase::waitsForStablePeriod)
            .findFirst()
            .map(p -> Template.render(p.stableDays(), details::display))
            .filter(s -> s.matches("\\d+"))
            .map(Integer::parseInt)
            .orElse(0);
    }

    private Step stepOf(long migrationId, String stepId) {
        return migrations.runbookOf(migrationId).step(stepId).orElseThrow(() -> unknownStep(stepId));
    }

    private void requireRole(long migrationId, Actor actor, Role role, String action, String target) {
        if (!actor.hasRole(role)) {
            throw refuse(migrationId, actor, action, target,
                    new ForbiddenException("Only a user with the " + role + " role may " + action));
        }
    }

    private CutoverException refuse(long migrationId, Actor actor, String action, String target,
            CutoverException reason) {
        events.publishEvent(new ActionRefused(migrationId, actor.username(), action, target, reason.getMessage()));
        return reason;
    }

    private static NotFoundException unknownStep(String stepId) {
        return new NotFoundException("There is no step '" + stepId + "' in this runbook");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

}
