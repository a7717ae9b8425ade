package io.cutover.execution;

import io.cutover.logstream.HintMatch;
import io.cutover.logstream.LogStream;
import io.cutover.migration.MigrationManagement;
import io.cutover.runbook.Runbook;
import io.cutover.runbook.TroubleshootingHint;
import io.cutover.shared.Actor;
import io.cutover.shared.CutoverException;
import io.cutover.shared.NotFoundException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pages for runs: start and cancel from forms, and a run with its live log (the list of
 * runs: {@link RunListController}).
 */
@Controller
class RunController {

    static final String RUN_VIEW = "execution/run";

    private final RunLauncher runs;

    private final MigrationManagement migrations;

    private final LogStream logStream;

    private final JsonMapper json;

    RunController(RunLauncher runs, MigrationManagement migrations, LogStream logStream, JsonMapper json) {
        this.runs = runs;
        this.migrations = migrations;
        this.logStream = logStream;
        this.json = json;
    }

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
        model.addAttribute("hints", hints(runbook, logStream.hints(runId)));
        model.addAttribute("result", result(run.resultJson()));
        model.addAttribute("artifacts", runs.artifacts(id).stream().filter(a -> a.runId() == runId).toList());
        return RUN_VIEW;
    }

    /** Each matched hint with its cause and fix, in the order its first line appeared. */
    static List<ShownHint> hints(Runbook runbook, List<HintMatch> matches) {
        return matches.stream()
            .flatMap(m -> runbook.troubleshooting()
                .stream()
                .filter(h -> h.id().equals(m.hintId()))
                .map(h -> new ShownHint(h, m.seq())))
            .toList();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> result(String resultJson) {
        return Optional.ofNullable(resultJson)
            .map(j -> (Map<String, Object>) json.readValue(j, Map.class))
            .orElse(null);
    }

    record ShownHint(TroubleshootingHint hint, long line) {
    }

}
