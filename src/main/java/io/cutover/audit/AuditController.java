package io.cutover.audit;

import io.cutover.shared.InvalidInputException;
import io.cutover.shared.ListPage;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The audit pages: per migration, and panel-wide events (logins, users) for admins. Both
 * page through the trail newest first, filtered by actor, action and days (query
 * parameters, so a filtered page can be bookmarked); htmx requests get the list fragment
 * only. A filter that cannot be one answers 400 with the reason above the form.
 */
@Controller
record AuditController(AuditTrail trail, AuditPages pages) {

    static final String TRAIL_VIEW = "audit/trail";
    static final String TRAIL_PARTIAL = "partials/audit-list";

    @GetMapping("/migrations/{id}/audit")
    String migrationTrail(@PathVariable long id, @RequestParam(required = false) String actor,
            @RequestParam(required = false) String action, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String page, Model model,
            HtmxRequest htmx, HttpServletRequest request, HttpServletResponse response) {
        model.addAttribute("migrationId", id);
        return render(id, "/migrations/" + id + "/audit", new AuditFilter(actor, action, from, to), page, model, htmx,
                request, response);
    }

    @GetMapping("/admin/audit")
    String panelTrail(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String page, Model model, HtmxRequest htmx, HttpServletRequest request,
            HttpServletResponse response) {
        return render(null, "/admin/audit", new AuditFilter(actor, action, from, to), page, model, htmx, request,
                response);
    }

    @GetMapping("/api/migrations/{id}/audit")
    @ResponseBody
    List<AuditEntry> migrationTrailJson(@PathVariable long id) {
        return trail.forMigration(id);
    }

    private String render(@Nullable Long migrationId, String path, AuditFilter filter, @Nullable String page,
            Model model, HtmxRequest htmx, HttpServletRequest request, HttpServletResponse response) {
        String contextPath = request.getContextPath();
        model.addAttribute("filter", filter);
        model.addAttribute("filtered", !filter.equals(AuditFilter.NONE));
        model.addAttribute("path", path);
        try {
            ListPage<AuditEntry> list = pages.page(migrationId, filter.checked(), ListPage.pageNumber(page), path);
            model.addAttribute("list", list);
            // The address bar shows the filters in effect, not the form's empty fields.
            response.setHeader("HX-Push-Url", contextPath + list.href(list.page()));
        }
        catch (InvalidInputException e) {
            response.setStatus(e.status());
            model.addAttribute("filterError", e.getMessage());
        }
        // The chain is checked over the whole trail, whatever the page shows.
        model.addAttribute("chainIntact", trail.chainIntact());
        // The same URL answers a fragment or a page: caches must tell them apart.
        response.addHeader("Vary", "HX-Request");
        if (htmx.isHtmxRequest() && !htmx.isHistoryRestoreRequest()) {
            return TRAIL_PARTIAL;
        }
        model.addAttribute("actors", pages.actors(migrationId));
        model.addAttribute("actionKinds", pages.actionsByKind(migrationId));
        return TRAIL_VIEW;
    }

}
