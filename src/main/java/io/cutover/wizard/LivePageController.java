package io.cutover.wizard;

import io.cutover.downtime.DowntimeClock;
import io.cutover.gate.ChecklistGate;
import io.cutover.logstream.SseFeeds;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A migration's pages update by themselves: one SSE stream per page says "changed"
 * whenever a run starts or ends, a step is marked done, a sign-off is given, revoked or
 * voided, or the downtime window moves; the parts of the page then fetch their fragments
 * again (htmx), rendered here like the page.
 */
@Controller
record LivePageController(SseFeeds feeds, DowntimeClock downtime, ChecklistGate gate, FreezeCards freezeCards) {

    static final String BANNER_PARTIAL = "partials/downtime-banner :: banner";

    static final String PROGRESS_PARTIAL = "partials/pictures :: phases";

    static final String FREEZE_CARD_PARTIAL = "partials/freeze-card :: card";

    /** A migration's phase progress for the list of migrations. */
    @GetMapping("/migrations/{id}/progress")
    String progress(@PathVariable long id, Model model) {
        model.addAttribute("progress", gate.progress(id));
        return PROGRESS_PARTIAL;
    }

    @GetMapping(path = "/migrations/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<SseEmitter> events(@PathVariable long id) {
        return feeds.subscribe(MigrationFeed.topic(id), "connected", "{}");
    }

    @GetMapping("/migrations/{id}/downtime-banner")
    String banner(@PathVariable long id, Model model) {
        model.addAttribute("downtime", downtime.latest(id).orElse(null));
        return BANNER_PARTIAL;
    }

    /**
     * The freeze and reverse-capture card: the rows captured since the switch grow
     * without any run, so the card polls this.
     */
    @GetMapping("/migrations/{id}/freeze-card")
    String freezeCard(@PathVariable long id, Model model) {
        model.addAttribute("freezeCard", freezeCards.of(id));
        return FREEZE_CARD_PARTIAL;
    }

}
