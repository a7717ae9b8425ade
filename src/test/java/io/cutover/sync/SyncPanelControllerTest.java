package io.cutover.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * The sync panel's live part is rendered on the server: the page swaps it in on each
 * sample.
 */
@WebMvcTest(SyncPanelController.class)
class SyncPanelControllerTest {

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    SyncStreams streams;

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

}
