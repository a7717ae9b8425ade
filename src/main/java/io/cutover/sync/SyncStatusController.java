package io.cutover.sync;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Continuous sync's live status: once as JSON, or as a stream of samples (SSE event
 * "sync", one a second).
 */
@RestController
record SyncStatusController(SyncStreams streams, SyncStatusFeed feed) {

    @GetMapping("/api/migrations/{id}/sync")
    SyncStatus status(@PathVariable long id) {
        return streams.status(id);
    }

    @GetMapping(path = { "/migrations/{id}/sync/events", "/api/migrations/{id}/sync/events" },
            produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<SseEmitter> events(@PathVariable long id) {
        return feed.watch(id, streams.status(id));
    }

}
