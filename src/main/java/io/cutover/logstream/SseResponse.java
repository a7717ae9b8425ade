package io.cutover.logstream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * How every stream of the panel opens. Spring MVC commits an SSE response at its first
 * send, and the panel's sends come from pool threads while the request thread is still
 * unwinding the filter chain, where Spring Security writes its headers unless the
 * response is already committed: two threads would then write one response's headers at
 * once (it showed as Tomcat's {@code NullPointerException} in {@code MimeHeaders.recycle}
 * as 200 streams ended together). A frame sent before the handler returns is written by
 * Spring on the request thread as it initialises the emitter, so the response is
 * committed there, headers and all, before any other thread touches it.
 */
final class SseResponse {

    /**
     * How soon a browser's EventSource comes back after losing the stream (a restart).
     */
    static final Duration RECONNECT = Duration.ofSeconds(2);

    private SseResponse() {
    }

    static ResponseEntity<SseEmitter> open(SseEmitter emitter) {
        try {
            emitter.send(SseEmitter.event().reconnectTime(RECONNECT.toMillis()));
        }
        catch (IOException notYetPossible) {
            // Before the handler returns a send is only kept for later: nothing is
            // written.
            throw new UncheckedIOException(notYetPossible);
        }
        // Proxies (Fly's included) must not buffer the stream.
        return ResponseEntity.ok()
            .header("X-Accel-Buffering", "no")
            .header(HttpHeaders.CACHE_CONTROL, "no-cache")
            .body(emitter);
    }

}
