package io.cutover.wizard;

import io.cutover.audit.AuditEntry;
import io.cutover.audit.AuditTrail;
import io.cutover.downtime.DowntimeClock;
import io.cutover.downtime.DowntimeView;
import io.cutover.execution.RunLauncher;
import io.cutover.execution.RunView;
import io.cutover.gate.ChecklistGate;
import io.cutover.migration.Completion;
import io.cutover.migration.MigrationManagement;
import io.cutover.runbook.DowntimeMark;
import io.cutover.runbook.Phase;
import io.cutover.runbook.Runbook;
import io.cutover.runbook.Step;
import io.cutover.signoff.SignOffView;
import io.cutover.signoff.SignOffs;
import io.cutover.wizard.MigrationReport.PhaseLine;
import io.cutover.wizard.MigrationReport.RunLine;
import io.cutover.wizard.MigrationReport.SignOffLine;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Gathers a {@link MigrationReport} from the modules that hold its parts. */
@Component
record MigrationReports(MigrationManagement migrations, ChecklistGate gate, RunLauncher runs, SignOffs signOffs,
        DowntimeClock downtime, AuditTrail audit, StepOutcomes outcomes) {

    MigrationReport of(long id) {
        Runbook runbook = migrations.runbookOf(id);
        Function<String, String> title = stepId -> runbook.step(stepId).map(Step::title).orElse(stepId);
        List<RunView> all = runs.forMigration(id).stream().sorted(Comparator.comparing(RunView::id)).toList();
        List<PhaseLine> phases = gate.progress(id)
            .all()
            .map(p -> new PhaseLine(p.phase().id(), p.phase().title(), p.state().name(), p.stepsDone(),
                    p.steps().size()))
            .toList();
        List<RunLine> runLines = all.stream()
            .map(r -> new RunLine(r, title.apply(r.stepId()),
                    runbook.phaseOfStep(r.stepId()).map(Phase::title).orElse(""), outcomes.result(r.resultJson())))
            .toList();
        List<AuditEntry> trail = audit.forMigration(id);
        String head = trail.stream().max(Comparator.comparing(AuditEntry::id)).map(AuditEntry::hash).orElse(null);
        List<DowntimeView> windows = downtime.windows(id);
        return new MigrationReport(Instant.now(), migrations.details(id), phases, runLines, signOffLines(id, runbook),
                windows, runs.artifacts(id),
                cutoverTimeline(runbook, all, title, windows.isEmpty() ? null : windows.get(0)), trail.size(), head,
                audit.chainIntact());
    }

    private List<SignOffLine> signOffLines(long id, Runbook runbook) {
        Map<Long, Completion> completions = migrations.completions(id)
            .stream()
            .collect(Collectors.toMap(Completion::id, c -> c, (a, b) -> a));
        return signOffs.forMigration(id).stream().sorted(Comparator.comparing(SignOffView::signedAt)).map(s -> {
            Map<String, Long> evidence = new LinkedHashMap<>();
            s.evidence()
                .forEach((step, completion) -> evidence.put(step,
                        completions.containsKey(completion) ? completions.get(completion).runId() : null));
            String gateTitle = runbook.gateOfItem(s.itemId()).map(g -> g.title()).orElse(s.gateId());
            String item = runbook.gateOfItem(s.itemId())
                .flatMap(g -> g.items().stream().filter(i -> i.id().equals(s.itemId())).findFirst())
                .map(i -> i.text())
                .orElse(s.itemId());
            String standing = s.revokedAt() != null ? "revoked by " + s.revokedBy() + ": " + s.revokeReason()
                    : s.voidedAt() != null ? "void: " + s.voidReason() : "active";
            return new SignOffLine(gateTitle, item, s.signedBy(), s.role(), s.signedAt(), s.comment(), evidence,
                    standing);
        }).toList();
    }

    /**
     * The runs of the phase holding the step that starts the downtime, newest run per
     * step.
     */
    private static Timeline cutoverTimeline(Runbook runbook, List<RunView> all, Function<String, String> title,
            DowntimeView window) {
        return runbook.allPhases()
            .filter(p -> p.steps().stream().anyMatch(s -> s.downtime() == DowntimeMark.START))
            .findFirst()
            .map(phase -> {
                List<String> steps = phase.steps().stream().map(Step::id).toList();
                Map<String, RunView> latest = new LinkedHashMap<>();
                all.stream().filter(r -> steps.contains(r.stepId())).forEach(r -> latest.put(r.stepId(), r));
                return Timeline.of(List.copyOf(latest.values()), title, window);
            })
            .orElse(null);
    }

}
