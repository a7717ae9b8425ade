package io.cutover.wizard;

import io.cutover.downtime.DowntimeClock;
import io.cutover.execution.RunLauncher;
import io.cutover.execution.StepNotices;
import io.cutover.gate.ChecklistGate;
import io.cutover.gate.MigrationProgress;
import io.cutover.gate.PhaseProgress;
import io.cutover.migration.MigrationDetails;
import io.cutover.migration.MigrationManagement;
import io.cutover.runbook.CommandLine;
import io.cutover.runbook.Step;
import io.cutover.runbook.StepKind;
import io.cutover.runbook.Template;
import io.cutover.shared.Actor;
import io.cutover.shared.CutoverException;
import io.cutover.shared.NotFoundException;
import io.cutover.sync.SyncStatus;
import io.cutover.sync.SyncStreams;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The wizard: a rail of phases, and for one phase its steps, their latest runs and its
 * checklists. Actions redirect back to the phase on success (post/redirect/get); a
 * refused action re-renders the phase with the reason and the refusal's status code. htmx
 * requests get the phase body fragment only.
 */
@Controller
record WizardController(ChecklistGate gate, MigrationManagement migrations, RunLauncher runs, DowntimeClock downtime,
        SyncStreams sync, ObjectProvider<StepNotices> notices, StepOutcomes outcomes, FreezeCards freezeCards,
        PhaseSchedule schedule) {

    static final String PHASE_VIEW = "wizard/phase";
    static final String PHASE_PARTIAL = "partials/phase-body";

    @GetMapping("/migrations/{id}")
    String overview(@PathVariable long id) {
        return "redirect:/migrations/" + id + "/phases/" + gate.progress(id).current().phase().id();
    }

    @GetMapping("/migrations/{id}/phases/{phaseId}")
    String phase(@PathVariable long id, @PathVariable String phaseId, Model model, HtmxRequest htmx) {
        return render(id, phaseId, model, htmx);
    }

    @PostMapping("/migrations/{id}/steps/{stepId}/complete")
    String complete(@PathVariable long id, @PathVariable String stepId, @RequestParam(defaultValue = "") String note,
            Actor actor, Model model, HtmxRequest htmx, HttpServletResponse response, RedirectAttributes flash) {
        String phaseId = phaseOfStep(id, stepId);
        return act(() -> gate.completeManualStep(id, stepId, actor, note), "Step marked done.", id, phaseId, model,
                htmx, response, flash);
    }

    @PostMapping("/migrations/{id}/gate-items/{itemId}/sign-off")
    String signOff(@PathVariable long id, @PathVariable String itemId, @RequestParam(defaultValue = "") String comment,
            Actor actor, Model model, HtmxRequest htmx, HttpServletResponse response, RedirectAttributes flash) {
        String phaseId = phaseOfItem(id, itemId);
        return act(() -> gate.signOff(id, itemId, actor, comment), "Signed.", id, phaseId, model, htmx, response,
                flash);
    }

    @PostMapping("/migrations/{id}/sign-offs/{signOffId}/revoke")
    String revoke(@PathVariable long id, @PathVariable long signOffId, @RequestParam String itemId,
            @RequestParam(defaultValue = "") String reason, Actor actor, Model model, HtmxRequest htmx,
            HttpServletResponse response, RedirectAttributes flash) {
        String phaseId = phaseOfItem(id, itemId);
        return act(() -> gate.revoke(id, signOffId, actor, reason), "Sign-off revoked.", id, phaseId, model, htmx,
                response, flash);
    }

    private String act(Runnable action, String success, long id, String phaseId, Model model, HtmxRequest htmx,
            HttpServletResponse response, RedirectAttributes flash) {
        // An htmx action's outcome goes out of band into #phase-flash, where live
        // refreshes leave it.
        model.addAttribute("flashOob", htmx.isHtmxRequest());
        try {
            action.run();
        }
        catch (CutoverException e) {
            response.setStatus(e.status());
            model.addAttribute("error", e.getMessage());
            return render(id, phaseId, model, htmx);
        }
        if (htmx.isHtmxRequest()) {
            model.addAttribute("message", success);
            return render(id, phaseId, model, htmx);
        }
        flash.addFlashAttribute("message", success);
        return "redirect:/migrations/" + id + "/phases/" + phaseId;
    }

    private String render(long id, String phaseId, Model model, HtmxRequest htmx) {
        MigrationDetails details = migrations.details(id);
        MigrationProgress progress = gate.progress(id);
        PhaseProgress phase = progress.phase(phaseId)
            .orElseThrow(() -> new NotFoundException("There is no phase '" + phaseId + "'"));
        Function<String, String> shown = new DisplayValues(details);
        Map<String, String> commands = new HashMap<>();
        Map<String, String> texts = new HashMap<>();
        for (Step step : phase.phase().steps()) {
            if (step.kind() == StepKind.COMMAND) {
                commands.put(step.id(), CommandLine.display(step, shown));
            }
            if (step.instructions() != null) {
                texts.put(step.id(), Template.render(step.instructions(), shown));
            }
        }
        model.addAttribute("migration", details);
        model.addAttribute("alertsInBody", true);
        model.addAttribute("evidence",
                new EvidenceLinks(id, migrations.runbookOf(id), progress, migrations.completions(id)));
        model.addAttribute("progress", progress);
        model.addAttribute("current", phase);
        model.addAttribute("commands", commands);
        Map<String, StepOutcome> latest = outcomes.of(phase.phase().steps(), runs.latestByStep(id));
        model.addAttribute("runs", latest);
        model.addAttribute("failure",
                outcomes.latestFailure(phase.phase().steps(), latest, migrations.runbookOf(id)).orElse(null));
        var latestDowntime = downtime.latest(id);
        model.addAttribute("downtime", latestDowntime.orElse(null));
        model.addAttribute("due", schedule.notes(progress, latestDowntime));
        model.addAttribute("confirmations", confirmations(phase, shown));
        model.addAttribute("instructions", texts);
        model.addAttribute("notices", StepNoticeBoard.forRunbook(notices, details.runbookId()));
        if (FreezeCards.shownOn(phase.phase())) {
            model.addAttribute("freezeCard", freezeCards.of(id));
        }
        if (!htmx.isHtmxRequest() && choosesStrategy(phase)) {
            model.addAttribute("strategy", sync.continuous(id) ? "continuous-sync" : "full-redump");
            model.addAttribute("forecast", sync.forecast(id));
            SyncStatus status = sync.status(id);
            model.addAttribute("syncStatus", status);
            model.addAttribute("lagChart", sync.lagChart(id, status));
        }
        return htmx.isHtmxRequest() ? PHASE_PARTIAL : PHASE_VIEW;
    }

    /**
     * Phases whose steps differ by cutover strategy show the strategy, its expected
     * downtime and the live sync.
     */
    private static boolean choosesStrategy(PhaseProgress phase) {
        return phase.phase().steps().stream().anyMatch(s -> s.when().containsKey("syncStrategy"));
    }

    /** What an operator must type to run an irreversible step. */
    private static Map<String, String> confirmations(PhaseProgress phase, Function<String, String> shown) {
        Map<String, String> texts = new HashMap<>();
        phase.phase()
            .steps()
            .stream()
            .filter(Step::needsConfirmation)
            .forEach(s -> texts.put(s.id(), Template.render(s.confirm(), shown)));
        return texts;
    }

    private String phaseOfStep(long id, String stepId) {
        return migrations.runbookOf(id)
            .phaseOfStep(stepId)
            .orElseThrow(() -> new NotFoundException("There is no step '" + stepId + "'"))
            .id();
    }

    private String phaseOfItem(long id, String itemId) {
        var runbook = migrations.runbookOf(id);
        return runbook.gateOfItem(itemId)
            .flatMap(g -> runbook.phaseOfGate(g.id()))
            .orElseThrow(() -> new NotFoundException("There is no checklist item '" + itemId + "'"))
            .id();
    }

}
