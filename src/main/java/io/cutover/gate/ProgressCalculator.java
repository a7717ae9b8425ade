package io.cutover.gate;

import io.cutover.migration.Completion;
import io.cutover.runbook.Gate;
import io.cutover.runbook.GateItem;
import io.cutover.runbook.GatePosition;
import io.cutover.runbook.Phase;
import io.cutover.runbook.Runbook;
import io.cutover.runbook.Step;
import io.cutover.signoff.SignOffView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Computes a migration's progress from facts alone (completions, sign-offs, work started)
 * so the gate rule has one implementation that pages, the API and every action share.
 * Pure: no I/O.
 */
final class ProgressCalculator {

    private final Runbook runbook;

    private final Map<String, Completion> latest = new HashMap<>();

    private final Map<String, Integer> timesDone = new HashMap<>();

    private final Map<String, Set<String>> startedBy;

    private final List<SignOffView> signOffs;

    private final Instant now;

    private final int stableDays;

    private final Map<String, Boolean> done = new HashMap<>();

    private final Map<String, Set<String>> dutyPerformers = new HashMap<>();

    private final java.util.function.Function<String, String> values;

    private final Map<String, String> locks;

    /**
     * @param startedBy step id to users who started work on it outside completions (runs)
     * @param stableDays resolved length of a phase's stable period, in days
     * @param values the migration's parameter values, which decide the steps that apply
     */
    public ProgressCalculator(Runbook runbook, List<Completion> completions, List<SignOffView> signOffs,
            Map<String, Set<String>> startedBy, Instant now, int stableDays,
            java.util.function.Function<String, String> values) {
        this(runbook, completions, signOffs, startedBy, now, stableDays, values, Map.of());
    }

    /**
     * @param locks phase id to why a {@link PhaseLock} holds it locked, whatever else
     * says
     */
    public ProgressCalculator(Runbook runbook, List<Completion> completions, List<SignOffView> signOffs,
            Map<String, Set<String>> startedBy, Instant now, int stableDays,
            java.util.function.Function<String, String> values, Map<String, String> locks) {
        this.runbook = runbook;
        this.locks = locks;
        this.values = values;
        this.signOffs = signOffs;
        this.startedBy = startedBy;
        this.now = now;
        this.stableDays = stableDays;
        for (Completion c : completions) {
            latest.merge(c.stepId(), c, (a, b) -> a.id() > b.id() ? a : b);
            timesDone.merge(c.stepId(), 1, Integer::sum);
        }
    }

    public MigrationProgress compute(long migrationId) {
        List<PhaseProgress> phases = new ArrayList<>();
        String blocker = null;
        for (Phase phase : runbook.phases()) {
            phases.add(linear(phase, blocker));
            if (blocker == null && !isDone(phase)) {
                blocker = "waiting for phase '" + phase.title() + "' to be done (" + whyNotDone(phase) + ")";
            }
        }
        List<PhaseProgress> flows = runbook.flows().stream().map(this::flow).toList();
        return new MigrationProgress(migrationId, phases, flows);
    }

    /**
     * @param blocker why an earlier phase stands in the way, or null when all earlier
     * phases are done
     */
    private PhaseProgress linear(Phase phase, String blocker) {
        boolean started = started(phase);
        String entryReason = blocker != null ? blocker : stablePeriodReason(phase).orElse(null);
        if (entryReason == null) {
            entryReason = phase.gates(GatePosition.ENTRY)
                .filter(g -> !signed(g))
                .findFirst()
                .map(g -> "the '" + g.title() + "' checklist is not fully signed")
                .orElse(null);
        }
        String held = locks.get(phase.id());
        boolean open = held == null && (started || entryReason == null);
        if (held != null) {
            entryReason = held;
        }
        PhaseState state = held != null ? PhaseState.LOCKED : isDone(phase) ? PhaseState.DONE
                : started ? PhaseState.IN_PROGRESS : open ? PhaseState.OPEN : PhaseState.LOCKED;
        String entryGateWindow = held != null ? held
                : blocker != null ? blocker : stablePeriodReason(phase).orElse(null);
        String closedReason = open
                ? (started && blocker != null ? "started before an earlier gate was revoked: " + blocker : null)
                : entryReason;
        Instant opensAt = held == null && blocker == null && !open ? stableUntil(phase).orElse(null) : null;
        return progress(phase, state, open ? null : "Phase '" + phase.title() + "' is locked: " + entryReason,
                entryGateWindow, closedReason, opensAt);
    }

    private PhaseProgress flow(Phase flow) {
        Phase trigger = runbook.phase(flow.opensWhenStarted()).orElseThrow();
        boolean open = started(trigger) || started(flow);
        String reason = open ? null : "opens once phase '" + trigger.title() + "' has started";
        PhaseState state = isDone(flow) ? PhaseState.DONE
                : started(flow) ? PhaseState.IN_PROGRESS : open ? PhaseState.OPEN : PhaseState.LOCKED;
        return progress(flow, state, open ? null : "'" + flow.title() + "' " + reason, reason, reason, null);
    }

    /**
     * @param lockedReason why steps may not act, or null when the phase is open
     * @param entryWindow why the entry gate may not be signed yet, or null
     * @param opensAt when a running stable period lets the phase open, or null
     */
    private PhaseProgress progress(Phase phase, PhaseState state, String lockedReason, String entryWindow,
            String closedReason, Instant opensAt) {
        List<StepProgress> steps = phase.steps().stream().map(step -> stepProgress(phase, step, lockedReason)).toList();
        List<GateProgress> gates = phase.gates()
            .stream()
            .map(gate -> gateProgress(gate, gate.position() == GatePosition.ENTRY ? entryWindow : lockedReason))
            .toList();
        return new PhaseProgress(phase, state, steps, gates, closedReason, opensAt);
    }

    private StepProgress stepProgress(Phase phase, Step step, String lockedReason) {
        if (!applies(step)) {
            return new StepProgress(step, latest.get(step.id()), timesDone.getOrDefault(step.id(), 0),
                    notApplicable(step), false);
        }
        String blocked = lockedReason;
        if (blocked == null) {
            blocked = phase.gateGuarding(step.id())
                .filter(g -> !signed(g))
                .map(g -> "needs the '" + g.title() + "' checklist fully signed first")
                .orElse(null);
        }
        if (blocked == null) {
            blocked = step.after()
                .stream()
                .filter(before -> applies(before) && !latest.containsKey(before))
                .findFirst()
                .map(before -> "needs '" + runbook.step(before).map(Step::title).orElse(before) + "' to succeed first")
                .orElse(null);
        }
        return new StepProgress(step, latest.get(step.id()), timesDone.getOrDefault(step.id(), 0), blocked, true);
    }

    boolean applies(Step step) {
        return step.appliesWith(values);
    }

    private boolean applies(String stepId) {
        return runbook.step(stepId).map(this::applies).orElse(true);
    }

    private String notApplicable(Step step) {
        return "not used with this migration's settings (" + step.when()
            .entrySet()
            .stream()
            .map(e -> "applies when " + runbook.parameter(e.getKey()).map(p -> p.label()).orElse(e.getKey()) + " is "
                    + e.getValue())
            .collect(Collectors.joining(", ")) + ")";
    }

    private GateProgress gateProgress(Gate gate, String closedReason) {
        List<ItemProgress> items = gate.items().stream().map(item -> itemProgress(gate, item)).toList();
        return new GateProgress(gate, items, closedReason);
    }

    private ItemProgress itemProgress(Gate gate, GateItem item) {
        List<SignOffView> history = signOffs.stream().filter(s -> s.itemId().equals(item.id())).toList();
        List<SignOffView> counting = history.stream().filter(this::counts).toList();
        List<String> missing = applicableEvidence(item).stream()
            .filter(stepId -> !latest.containsKey(stepId))
            .map(stepId -> runbook.step(stepId).map(Step::title).orElse(stepId))
            .toList();
        return new ItemProgress(item, counting, history, gate.approvals(), missing);
    }

    /**
     * A sign-off counts while it is active, every evidence completion is still the
     * latest, and it covers every evidence step that applies now (a changed strategy can
     * add evidence to attest).
     */
    boolean counts(SignOffView signOff) {
        Optional<Gate> gate = runbook.gateOfItem(signOff.itemId());
        Optional<GateItem> item = gate
            .flatMap(g -> g.items().stream().filter(i -> i.id().equals(signOff.itemId())).findFirst());
        return signOff.isActive() && signOff.evidence()
            .entrySet()
            .stream()
            .allMatch(e -> Optional.ofNullable(latest.get(e.getKey())).map(c -> c.id() == e.getValue()).orElse(false))
                && item.map(i -> signOff.evidence().keySet().containsAll(applicableEvidence(i))).orElse(true)
                && !(gate.isPresent() && item.isPresent() && gate.get().critical()
                        && dutyPerformers(gate.get(), item.get()).contains(signOff.signedBy()));
    }

    /**
     * Users who performed work an item of a critical gate approves: a step of the gate's
     * duty phases or one of the item's evidence steps. Whoever is among them may not sign
     * the item, and a sign-off whose signer joins them later stops counting (separation
     * of duties in both orders).
     */
    Set<String> dutyPerformers(Gate gate, GateItem item) {
        return dutyPerformers.computeIfAbsent(item.id(), id -> {
            Set<String> users = new java.util.HashSet<>(performersOf(dutyPhases(gate)));
            item.evidence().forEach(stepId -> users.addAll(performersOfStep(stepId)));
            return users;
        });
    }

    /** The phases whose work a critical gate approves: those it names, else its own. */
    List<String> dutyPhases(Gate gate) {
        return gate.performersOf().isEmpty() ? List.of(runbook.phaseOfGate(gate.id()).map(Phase::id).orElseThrow())
                : gate.performersOf();
    }

    /**
     * Whether doing {@code stepId} is work that {@code item} of a critical gate approves.
     */
    boolean approvesWork(Gate gate, GateItem item, String stepId) {
        return gate.critical() && (item.evidence().contains(stepId)
                || runbook.phaseOfStep(stepId).map(p -> dutyPhases(gate).contains(p.id())).orElse(false));
    }

    /**
     * Sign-offs by {@code user} that count now and would stop counting once the user does
     * {@code stepId}.
     */
    List<SignOffView> crossedBy(String user, String stepId) {
        return signOffs.stream()
            .filter(s -> s.signedBy().equals(user) && counts(s))
            .filter(s -> runbook.gateOfItem(s.itemId())
                .flatMap(g -> g.items()
                    .stream()
                    .filter(i -> i.id().equals(s.itemId()))
                    .findFirst()
                    .map(i -> approvesWork(g, i, stepId)))
                .orElse(false))
            .toList();
    }

    /** The evidence steps of an item that apply to this migration. */
    List<String> applicableEvidence(GateItem item) {
        return item.evidence().stream().filter(this::applies).toList();
    }

    boolean signed(Gate gate) {
        return gate.items()
            .stream()
            .allMatch(item -> signOffs.stream()
                .filter(s -> s.itemId().equals(item.id()) && counts(s))
                .map(SignOffView::signedBy)
                .distinct()
                .count() >= gate.approvals());
    }

    boolean isDone(Phase phase) {
        return done.computeIfAbsent(phase.id(),
                id -> requiredStepsDone(phase) && phase.gates(GatePosition.EXIT).allMatch(this::signed));
    }

    private boolean requiredStepsDone(Phase phase) {
        return phase.steps().stream().filter(this::required).allMatch(s -> latest.containsKey(s.id()));
    }

    private boolean required(Step step) {
        return !step.optional() && applies(step);
    }

    private String whyNotDone(Phase phase) {
        long missing = phase.steps().stream().filter(s -> required(s) && !latest.containsKey(s.id())).count();
        if (missing > 0) {
            return missing + " required step" + (missing == 1 ? "" : "s") + " not done";
        }
        return phase.gates(GatePosition.EXIT)
            .filter(g -> !signed(g))
            .findFirst()
            .map(g -> "checklist '" + g.title() + "' not fully signed")
            .orElse("not done");
    }

    boolean started(Phase phase) {
        return phase.steps()
            .stream()
            .anyMatch(s -> latest.containsKey(s.id()) || !startedBy.getOrDefault(s.id(), Set.of()).isEmpty());
    }

    /** Users who did or started a step of the given phases. */
    Set<String> performersOf(List<String> phaseIds) {
        return phaseIds.stream()
            .flatMap(id -> runbook.phase(id).stream())
            .flatMap(p -> p.steps().stream())
            .flatMap(s -> performersOfStep(s.id()).stream())
            .collect(Collectors.toSet());
    }

    Set<String> performersOfStep(String stepId) {
        Set<String> users = new java.util.HashSet<>(startedBy.getOrDefault(stepId, Set.of()));
        Optional.ofNullable(latest.get(stepId)).ifPresent(c -> users.add(c.completedBy()));
        return users;
    }

    Optional<Completion> latest(String stepId) {
        return Optional.ofNullable(latest.get(stepId));
    }

    /**
     * Says no time: the reason is repeated on every step and checklist of the phase, and
     * the page shows the unlock time once, as a countdown
     * ({@link PhaseProgress#opensAt}).
     */
    private Optional<String> stablePeriodReason(Phase phase) {
        if (!phase.waitsForStablePeriod()) {
            return Optional.empty();
        }
        Phase since = runbook.phase(phase.stableSince()).orElseThrow();
        if (!isDone(since)) {
            return Optional.of("phase '" + since.title() + "' is not done");
        }
        return stableUntil(phase).map(opens -> "the stable period of " + stableDays + " days after '" + since.title()
                + "' has not passed yet");
    }

    /**
     * The end of a stable period still running: the last required step of the phase it
     * waits after, plus its days.
     */
    private Optional<Instant> stableUntil(Phase phase) {
        if (!phase.waitsForStablePeriod()) {
            return Optional.empty();
        }
        Phase since = runbook.phase(phase.stableSince()).orElseThrow();
        if (!isDone(since)) {
            return Optional.empty();
        }
        Instant sinceDone = since.steps()
            .stream()
            .filter(this::required)
            .map(s -> latest.get(s.id()).completedAt())
            .max(Instant::compareTo)
            .orElse(Instant.EPOCH);
        Instant opens = sinceDone.plus(Duration.ofDays(stableDays));
        return now.isBefore(opens) ? Optional.of(opens) : Optional.empty();
    }

}
