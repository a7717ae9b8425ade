package io.cutover.execution;

import io.cutover.migration.MigrationManagement;
import io.cutover.runbook.Runbook;
import io.cutover.shared.InvalidInputException;
import io.cutover.shared.ListPage;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A migration's runs, newest first, filtered by phase, step, status and who started them.
 * The filters are query parameters, so a filtered page can be bookmarked; htmx requests
 * (the filter form, the page links) get the list fragment only. Filter values the runbook
 * does not know are refused with 400 and the reason above the form.
 */
@Controller
record RunListController(RunHistory history, RunLauncher runs, MigrationManagement migrations) {

    static final String RUNS_VIEW = "execution/runs";
    static final String RUNS_PARTIAL = "partials/runs-list";

    @GetMapping("/migrations/{id}/runs")
    String list(@PathVariable long id, @RequestParam(required = false) String phase,
            @RequestParam(required = false) String step, @RequestParam(required = false) String status,
            @RequestParam(required = false) String actor, @RequestParam(required = false) String page, Model model,
            HtmxRequest htmx, HttpServletRequest request, HttpServletResponse response) {
        Runbook runbook = migrations.runbookOf(id);
        RunFilter filter = new RunFilter(phase, step, status, actor);
        model.addAttribute("migration", migrations.details(id));
        model.addAttribute("filter", filter);
        model.addAttribute("filtered", !filter.equals(RunFilter.NONE));
        try {
            ListPage<RunView> list = history.page(id, filter.checkedAgainst(runbook), ListPage.pageNumber(page),
                    "/migrations/" + id + "/runs");
            model.addAttribute("list", list);
            // The address bar shows the filters in effect, not the form's empty fields.
            response.setHeader("HX-Push-Url", request.getContextPath() + list.href(list.page()));
        }
        catch (InvalidInputException e) {
            response.setStatus(e.status());
            model.addAttribute("filterError", e.getMessage());
        }
        model.addAttribute("stepTitles", stepTitles(runbook));
        model.addAttribute("phaseTitles", phaseTitles(runbook));
        // The same URL answers a fragment or a page: caches must tell them apart.
        response.addHeader("Vary", "HX-Request");
        if (htmx.isHtmxRequest() && !htmx.isHistoryRestoreRequest()) {
            return RUNS_PARTIAL;
        }
        model.addAttribute("phases", runbook.allPhases().toList());
        model.addAttribute("statuses", RunStatus.values());
        model.addAttribute("actors", history.actors(id));
        model.addAttribute("artifacts", runs.artifacts(id));
        return RUNS_VIEW;
    }

    private static Map<String, String> stepTitles(Runbook runbook) {
        Map<String, String> titles = new HashMap<>();
        runbook.allPhases().flatMap(p -> p.steps().stream()).forEach(s -> titles.put(s.id(), s.title()));
        return titles;
    }

    private static Map<String, String> phaseTitles(Runbook runbook) {
        Map<String, String> titles = new HashMap<>();
        runbook.allPhases().forEach(p -> titles.put(p.id(), p.title()));
        return titles;
    }

}
