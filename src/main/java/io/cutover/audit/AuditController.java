package io.cutover.audit;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;
import java.util.List;

/** The audit pages: per migration, and panel-wide events (logins, users) for admins. */
@Controller
class AuditController {

    static final String TRAIL_VIEW = "audit/trail";

    private static final int PANEL_WIDE_LIMIT = 500;

    private final AuditTrail trail;

    AuditController(AuditTrail trail) {
        this.trail = trail;
    }

    @GetMapping("/migrations/{id}/audit")
    String migrationTrail(@PathVariable long id, Model model) {
        model.addAttribute("migrationId", id);
        model.addAttribute("entries", trail.forMigration(id));
        model.addAttribute("chainIntact", trail.chainIntact());
        return TRAIL_VIEW;
    }

    @GetMapping("/admin/audit")
    String panelTrail(Model model) {
        model.addAttribute("entries", trail.panelWide(PANEL_WIDE_LIMIT));
        model.addAttribute("chainIntact", trail.chainIntact());
        return TRAIL_VIEW;
    }

    @GetMapping("/api/migrations/{id}/audit")
    @ResponseBody
    List<AuditEntry> migrationTrailJson(@PathVariable long id) {
        return trail.forMigration(id);
    }

}
