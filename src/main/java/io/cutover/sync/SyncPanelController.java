package io.cutover.sync;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The live part of the sync panel as a server-rendered fragment: the page fetches it
 * again on every sample of the sync stream.
 */
@Controller
record SyncPanelController(SyncStreams streams) {

    static final String LIVE_PARTIAL = "partials/sync-panel :: live";

    @GetMapping("/migrations/{id}/sync/panel")
    String live(@PathVariable long id, Model model) {
        SyncStatus status = streams.status(id);
        model.addAttribute("syncStatus", status);
        model.addAttribute("lagChart", streams.lagChart(id, status));
        return LIVE_PARTIAL;
    }

}
