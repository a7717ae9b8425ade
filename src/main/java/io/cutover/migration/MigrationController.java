package io.cutover.migration;

import io.cutover.runbook.Runbook;
import io.cutover.runbook.Runbooks;
import io.cutover.shared.Actor;
import io.cutover.shared.InvalidInputException;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Pages to list, create and configure migrations. */
@Controller
record MigrationController(MigrationManagement migrations, Runbooks runbooks) {

    static final String LIST_VIEW = "migration/list";
    static final String FORM_VIEW = "migration/form";
    static final String PARAMETERS_VIEW = "migration/parameters";
    static final String PLAN_COSTS_PARTIAL = "partials/plan-costs";

    @GetMapping("/migrations")
    String list(Model model) {
        model.addAttribute("migrations", migrations.list());
        return LIST_VIEW;
    }

    @GetMapping("/migrations/new")
    String newForm(@RequestParam(defaultValue = "") String runbookId, Model model) {
        Runbook runbook = runbooks.find(runbookId).orElseGet(() -> runbooks.all().iterator().next());
        MigrationForm form = new MigrationForm();
        form.setRunbookId(runbook.id());
        runbook.parameters()
            .stream()
            .filter(p -> p.type() != io.cutover.runbook.ParameterType.SECRET)
            .forEach(p -> form.getValues().put(p.id(), p.defaultValue()));
        return showForm(model, form, runbook, Map.of());
    }

    @PostMapping("/migrations")
    String create(@ModelAttribute("form") MigrationForm form, Actor actor, Model model, HttpServletResponse response,
            RedirectAttributes flash) {
        try {
            MigrationDetails created = migrations
                .create(new CreateMigration(form.getName(), form.getRunbookId(), nonBlank(form.getValues())), actor);
            flash.addFlashAttribute("message", "Migration '" + created.name() + "' created.");
            return "redirect:/migrations/" + created.id();
        }
        catch (InvalidInputException e) {
            response.setStatus(e.status());
            Runbook runbook = runbooks.find(form.getRunbookId()).orElseGet(() -> runbooks.all().iterator().next());
            model.addAttribute("error", e.getMessage());
            return showForm(model, form, runbook, e.fieldErrors());
        }
    }

    /** The plan table, re-rendered by htmx when plan or volume size change. */
    @GetMapping("/migrations/plan-costs")
    String planCosts(@RequestParam String runbookId,
            @RequestParam(name = "values[volumeSize]", defaultValue = "0") String volumeSize,
            @RequestParam(name = "values[plan]", defaultValue = "") String plan, Model model) {
        Runbook runbook = runbooks.find(runbookId).orElseGet(() -> runbooks.all().iterator().next());
        model.addAttribute("planCosts", PlanCost.table(runbook, parseSize(volumeSize), plan));
        return PLAN_COSTS_PARTIAL;
    }

    @GetMapping("/migrations/{id}/parameters")
    String parameters(@PathVariable long id, Model model) {
        return showParameters(model, migrations.details(id), Map.of());
    }

    @PostMapping("/migrations/{id}/parameters")
    String updateParameters(@PathVariable long id, @ModelAttribute("form") MigrationForm form, Actor actor, Model model,
            HttpServletResponse response, RedirectAttributes flash, HtmxRequest htmx) {
        try {
            migrations.updateParameters(id, form.getValues(), actor);
            flash.addFlashAttribute("message", "Parameters saved.");
            return "redirect:/migrations/" + id + "/parameters";
        }
        catch (InvalidInputException e) {
            response.setStatus(e.status());
            model.addAttribute("error", e.getMessage());
            return showParameters(model, migrations.details(id), e.fieldErrors());
        }
    }

    private String showForm(Model model, MigrationForm form, Runbook runbook, Map<String, String> fieldErrors) {
        model.addAttribute("form", form);
        model.addAttribute("runbook", runbook);
        model.addAttribute("runbooks", runbooks.all());
        model.addAttribute("fieldErrors", fieldErrors);
        model.addAttribute("planCosts",
                PlanCost.table(runbook, parseSize(form.getValues().getOrDefault("volumeSize", "20")),
                        form.getValues().getOrDefault("plan", "")));
        return FORM_VIEW;
    }

    private String showParameters(Model model, MigrationDetails details, Map<String, String> fieldErrors) {
        Runbook runbook = runbooks.get(details.runbookId());
        model.addAttribute("migration", details);
        model.addAttribute("runbook", runbook);
        model.addAttribute("fieldErrors", fieldErrors);
        model.addAttribute("planCosts",
                PlanCost.table(runbook, parseSize(details.display("volumeSize")), details.display("plan")));
        return PARAMETERS_VIEW;
    }

    private static int parseSize(String value) {
        try {
            return Math.max(0, Integer.parseInt(value.strip()));
        }
        catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Map<String, String> nonBlank(Map<String, String> values) {
        Map<String, String> copy = new HashMap<>();
        values.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                copy.put(k, v);
            }
        });
        return copy;
    }

}
