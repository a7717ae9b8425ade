package io.cutover.sync;

import io.cutover.logstream.SseFeeds;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends each migration's sync status to everyone watching it, over the panel's one SSE
 * mechanism ({@link SseFeeds}): a status is a gauge, so a viewer still busy with the
 * previous sample gets only the newest one; the feeds' timeout, heartbeat and bounded
 * senders apply.
 */
@Component
record SyncStatusFeed(JsonMapper json, SseFeeds feeds) {

    static final String EVENT = "sync";

    /** Registers a viewer and sends it the current status at once. */
    ResponseEntity<SseEmitter> watch(long migrationId, SyncStatus current) {
        return feeds.subscribe(topic(migrationId), EVENT, json.writeValueAsString(current));
    }

    void publish(SyncStatus status) {
        String topic = topic(status.migrationId());
        if (feeds.watching(topic) > 0) {
            feeds.publish(topic, EVENT, json.writeValueAsString(status));
        }
    }

    private static String topic(long migrationId) {
        return "sync-" + migrationId;
    }

}
