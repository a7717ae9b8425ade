package io.cutover.logstream;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * A run's events over SSE, for the browser (session) and the API (HTTP Basic), and its
 * full log as a download. Lines come in batches, one {@code lines} event whose data is a
 * JSON array of lines (each with its seq, {@code q}); status, hint and end are events of
 * their own. Event ids are sequence numbers (a batch's is its last line's): a reconnect
 * with {@code Last-Event-ID} (or {@code ?after=}) receives exactly what it missed, then
 * follows live.
 */
@RestController
class RunEventsController {

    private static final int DOWNLOAD_PAGE = 5000;

    private final LogStream stream;

    private final LogStreamProperties properties;

    private final ExecutorService viewers;

    RunEventsController(LogStream stream, LogStreamProperties properties,
            @Qualifier(SseViewerPool.NAME) ExecutorService viewers) {
        this.stream = stream;
        this.properties = properties;
        this.viewers = viewers;
    }

    @GetMapping(path = { "/runs/{runId}/events", "/api/runs/{runId}/events" },
            produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<SseEmitter> events(@PathVariable long runId,
            @RequestHeader(name = "Last-Event-ID", required = false) Long lastEventId,
            @RequestParam(name = "after", required = false) Long after) {
        if (!stream.exists(runId)) {
            return ResponseEntity.notFound().build();
        }
        SseEmitter emitter = new SseEmitter(properties.sseTimeout().toMillis());
        long cursor = lastEventId != null ? lastEventId : after != null ? after : 0;
        LogViewer viewer = new LogViewer(stream, emitter, runId, cursor, properties.heartbeat().toMillis());
        emitter.onCompletion(viewer::close);
        emitter.onTimeout(viewer::close);
        emitter.onError(e -> viewer.close());
        ResponseEntity<SseEmitter> response = SseResponse.open(emitter);
        try {
            viewers.execute(viewer);
        }
        catch (RejectedExecutionException full) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").build();
        }
        return response;
    }

    @GetMapping(path = { "/runs/{runId}/log.txt", "/api/runs/{runId}/log.txt" })
    ResponseEntity<StreamingResponseBody> download(@PathVariable long runId) {
        if (!stream.exists(runId)) {
            return ResponseEntity.notFound().build();
        }
        StreamingResponseBody body = out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            long cursor = 0;
            List<LogEvent> page;
            while (!(page = stream.read(runId, cursor, DOWNLOAD_PAGE)).isEmpty()) {
                for (LogEvent e : page) {
                    cursor = e.seq();
                    if (e.channel() == Channel.PROGRESS) {
                        // The bar's samples: the log has a plain line every 10 %.
                        continue;
                    }
                    w.write(DateTimeFormatter.ISO_INSTANT.format(e.ts()));
                    w.write(' ');
                    w.write(e.channel().code());
                    w.write(' ');
                    w.write(e.text());
                    w.write('\n');
                }
            }
            w.flush();
        };
        return ResponseEntity.ok()
            .contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
            .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"run-" + runId + ".log\"")
            .body(body);
    }

}
