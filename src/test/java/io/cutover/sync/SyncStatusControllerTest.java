package io.cutover.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * The sync status as the API's JSON, and the sync panel's live part rendered on the
 * server: the page swaps it in on each sample.
 */
@WebMvcTest(SyncStatusController.class)
class SyncStatusControllerTest {

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    SyncStreams streams;

    @MockitoBean
    SyncStatusFeed feed;

    @Test
    void theApiAnswersTheStatusAsJson() {
        given(streams.status(7L)).willReturn(new SyncStatus(7, "STREAMING", "PANEL", "slot", "0/1", "0/1", 1536 * 1024,
                1.26, 0, 0, 0, "ok", null, null, 0, 0, null, Instant.now()));

        assertThat(mvc.get().uri("/api/migrations/7/sync").with(user("viewer").roles("VIEWER"))).hasStatusOk()
            .bodyJson()
            .extractingPath("$.state")
            .isEqualTo("STREAMING");
    }

    @Test
    void aDrainingBacklogIsNamedWithItsSizeAndTimeLeft() {
        SyncStatus.Backlog backlog = new SyncStatus.Backlog(3 * 1024 * 1024, 1024 * 1024, 2.4, 0, 0);
        given(streams.status(7L)).willReturn(new SyncStatus(7, "STREAMING", "PANEL", "slot", "0/1", "0/1",
                3 * 1024 * 1024, 1.26, 5 * 1024 * 1024, 0, 0, "ok", null, backlog, 12, 34, null, Instant.now()));

        assertThat(mvc.get().uri("/migrations/7/sync/panel").with(user("viewer").roles("VIEWER"))).hasStatusOk()
            .bodyText()
            .contains("<strong class=\"sync-state\">STREAMING</strong>")
            .contains("<strong class=\"sync-lag\">3.0 MB · 1.3 s</strong>")
            .contains("12 transactions, 34 changes")
            .contains("about 3 s left at 1.0 MB/s")
            .doesNotContain("sync-problem");
    }

    @Test
    void theLagChartIsDrawnWithItsAxesAndNamesTheCurrentLag() {
        Instant now = Instant.parse("2026-12-02T12:05:00Z");
        given(streams.status(7L)).willReturn(new SyncStatus(7, "STREAMING", "PANEL", "slot", "0/1", "0/1", 1536 * 1024,
                1.26, 0, 0, 0, "ok", null, null, 0, 0, null, now));
        given(streams.lagChart(eq(7L), any()))
            .willReturn(LagChart.of(List.of(new LagSamples.Sample(now.minusSeconds(150), 5 * 1024 * 1024, 2.0),
                    new LagSamples.Sample(now, 1536 * 1024, 1.26)), Duration.ofMinutes(5)));

        assertThat(mvc.get().uri("/migrations/7/sync/panel").with(user("viewer").roles("VIEWER"))).hasStatusOk()
            .bodyText()
            .contains("role=\"img\" aria-label=\"Sync lag over the last 5 min, now 1.5 MB · 1.3 s\"")
            .contains("<title>Sync lag over the last 5 min, now 1.5 MB · 1.3 s</title>")
            .contains("<polyline class=\"lag-line\"")
            .contains("points=\"326.0,12.0 588.0,101.6\"")
            .contains(">5 min ago</text>", ">2 min 30 s ago</text>", ">now</text>")
            .contains(">0 B</text>", ">2.5 MB</text>", ">5.0 MB</text>")
            .contains("<strong class=\"lag-now\">Lag now: 1.5 MB · 1.3 s</strong>");
    }

    @Test
    void beforeTheFirstSampleThereIsNoChart() {
        given(streams.status(7L)).willReturn(SyncStatus.none(7, Instant.now()));

        assertThat(mvc.get().uri("/migrations/7/sync/panel").with(user("viewer").roles("VIEWER"))).hasStatusOk()
            .bodyText()
            .contains("<strong class=\"sync-state\">NONE</strong>")
            .doesNotContain("<svg");
    }

}
