package io.cutover.sync;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Continuous sync's live status: once as JSON, as a stream of samples (SSE event "sync",
 * one a second), or as the live part of the sync panel rendered on the server, which the
 * page fetches again on every sample.
 */
@Controller
record SyncStatusController(SyncStreams streams, SyncStatusFeed feed) {

    static final String LIVE_PARTIAL = "partials/sync-panel :: live";

    @GetMapping("/api/migrations/{id}/sync")
    @ResponseBody
    SyncStatus status(@PathVariable long id) {
        return streams.status(id);
    }

    @GetMapping(path = { "/migrations/{id}/sync/events", "/api/migrations/{id}/sync/events" },
            produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<SseEmitter> events(@PathVariable long id) {
        return feed.watch(id, streams.status(id));
    }

    @GetMapping("/migrations/{id}/sync/panel")
    String live(@PathVariable long id, Model model) {
        SyncStatus status = streams.status(id);
        model.addAttribute("syncStatus", status);
        model.addAttribute("lagChart", streams.lagChart(id, status));
        return LIVE_PARTIAL;
    }

}
