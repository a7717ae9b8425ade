package io.cutover.execution;

import io.cutover.migration.MigrationManagement;
import io.cutover.runbook.Runbook;
import io.cutover.shared.Actor;
import io.cutover.shared.CutoverException;
import io.cutover.shared.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Pages for runs: start and cancel from forms, and a run with its live log.
 */
@Controller
record RunController(RunLauncher runs, MigrationManagement migrations, RunFindings findings) {

    static final String RUN_VIEW = "execution/run";

    @PostMapping("/migrations/{id}/steps/{stepId}/runs")
    String start(@PathVariable long id, @PathVariable String stepId, @RequestParam(defaultValue = "") String confirm,
            @RequestParam(defaultValue = "false") boolean rerun, Actor actor, RedirectAttributes flash) {
        try {
            RunView run = runs.start(id, stepId, actor, confirm, rerun);
            return "redirect:/migrations/" + id + "/runs/" + run.id();
        }
        catch (CutoverException e) {
            flash.addFlashAttribute("error", e.getMessage());
            String phase = migrations.runbookOf(id).phaseOfStep(stepId).map(p -> p.id()).orElse("");
            return "redirect:/migrations/" + id + "/phases/" + phase + "#step-" + stepId;
        }
    }

    @PostMapping("/runs/{runId}/cancel")
    String cancel(@PathVariable long runId, @RequestParam(defaultValue = "") String confirm, Actor actor,
            RedirectAttributes flash) {
        RunView run = runs.get(runId);
        try {
            runs.cancel(runId, actor, confirm);
            flash.addFlashAttribute("message", "Cancel requested: the run's processes are being ended.");
        }
        catch (CutoverException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/migrations/" + run.migrationId() + "/runs/" + runId;
    }

    @GetMapping("/migrations/{id}/runs/{runId}")
    String run(@PathVariable long id, @PathVariable long runId, Model model) {
        RunView run = runs.find(runId)
            .filter(r -> r.migrationId() == id)
            .orElseThrow(() -> new NotFoundException("There is no run " + runId + " in this migration"));
        Runbook runbook = migrations.runbookOf(id);
        model.addAttribute("migration", migrations.details(id));
        model.addAttribute("run", run);
        model.addAttribute("step", runbook.step(run.stepId()).orElseThrow());
        model.addAttribute("phase", runbook.phaseOfStep(run.stepId()).orElseThrow());
        model.addAttribute("hints", findings.hints(runbook, runId));
        model.addAttribute("result", findings.result(run));
        model.addAttribute("artifacts", runs.artifacts(id).stream().filter(a -> a.runId() == runId).toList());
        return RUN_VIEW;
    }

}
