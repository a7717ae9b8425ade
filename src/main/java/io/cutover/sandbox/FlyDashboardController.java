package io.cutover.sandbox;

import io.cutover.shared.Actor;
import io.cutover.shared.CutoverException;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The emulated Fly dashboard's pooler settings page (post/redirect/get). */
@Controller
@Profile("sandbox")
class FlyDashboardController {

    static final String VIEW = "sandbox/fly-dashboard";

    private final FlyDashboard dashboard;

    FlyDashboardController(FlyDashboard dashboard) {
        this.dashboard = dashboard;
    }

    @GetMapping(SandboxTools.DASHBOARD)
    String page(Model model) {
        model.addAttribute("clusters", dashboard.clusters());
        model.addAttribute("transactionAvailable", dashboard.transactionModeAvailable());
        return VIEW;
    }

    @PostMapping("/sandbox/clusters/{clusterId}/pool-mode")
    String updatePoolMode(@PathVariable String clusterId, @RequestParam(required = false) String mode, Actor actor,
            RedirectAttributes flash) {
        try {
            dashboard.updatePoolMode(clusterId, mode, actor);
            flash.addFlashAttribute("message",
                    "Pool mode of " + clusterId + " updated to " + mode + "; the pooler restarted.");
        }
        catch (CutoverException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:" + SandboxTools.DASHBOARD;
    }

}
