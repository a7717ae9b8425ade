package io.cutover.wizard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import io.cutover.RenderedPage;
import io.cutover.capture.ReverseCaptures;
import io.cutover.downtime.DowntimeClock;
import io.cutover.downtime.DowntimePhase;
import io.cutover.downtime.DowntimeView;
import io.cutover.freeze.FreezeState;
import io.cutover.freeze.SourceFreezes;
import io.cutover.gate.ChecklistGate;
import io.cutover.logstream.SseFeeds;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * The freeze card as an operator reads it on the Cutover and Rollback pages: what is
 * blocked, who was cut off, the proof, rows captured.
 */
@WebMvcTest(LivePageController.class)
@Import(FreezeCards.class)
class FreezeCardTest {

    private static final Instant FROZEN_AT = Instant.parse("2026-12-02T05:10:00Z");

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    SourceFreezes freezes;

    @MockitoBean
    ReverseCaptures captures;

    @MockitoBean
    SseFeeds feeds;

    @MockitoBean
    DowntimeClock downtime;

    @MockitoBean
    ChecklistGate gate;

    @Test
    void aFailedProofNamesTheWriterBesideWhatWasBlockedAndWhatTheClusterCaptured() throws SQLException {
        given(freezes.summary(7L)).willReturn(Optional.of(new SourceFreezes.FreezeSummary(FreezeState.REFUSED,
                FROZEN_AT, "0/3000060", List.of("worker (may write public.jobs)"), 1,
                List.of("worker/oban from 10.0.0.7/32 on app (pid 4242)"),
                "Written after the freeze at 0/3000060: 1 row inserted in public.jobs; by role postgres (application_name nightly-cron, from 127.0.0.1/32)",
                null)));
        Map<String, Long> byTable = new LinkedHashMap<>();
        byTable.put("public.jobs", 12L);
        byTable.put("public.users", 3L);
        given(captures.captured(7L))
            .willReturn(new ReverseCaptures.Captured(true, 15, byTable, FROZEN_AT.plusSeconds(60), false));

        assertThat(mvc.get().uri("/migrations/7/freeze-card").with(user("viewer").roles("VIEWER"))).hasStatusOk()
            .satisfies(card -> assertThat(RenderedPage.of(card).text())
                .isEqualTo("Freeze of the source and reverse capture"
                        + " Freeze Frozen at position 0/3000060 since 2026-12-02 05:10:00 UTC"
                        + " Blocked roles worker (may write public.jobs)"
                        + " Ended sessions worker/oban from 10.0.0.7/32 on app (pid 4242)"
                        + " Proof Failed: Written after the freeze at 0/3000060: 1 row inserted in public.jobs; by role postgres"
                        + " (application_name nightly-cron, from 127.0.0.1/32)"
                        + " Rows captured since the switch 15 changes public.jobs: 12 public.users: 3"));
    }

    @Test
    void anUnfrozenSourceKeepsItsPassedProofAndSaysTheClusterHasNoCapture() throws SQLException {
        given(freezes.summary(8L)).willReturn(Optional
            .of(new SourceFreezes.FreezeSummary(FreezeState.UNFROZEN, FROZEN_AT, "0/3000060", List.of(), 0, List.of(),
                    "Nothing was committed on the source after the freeze at 0/3000060", FROZEN_AT.plusSeconds(600))));
        given(captures.captured(8L)).willReturn(new ReverseCaptures.Captured(false, 0, Map.of(), null, false));

        assertThat(mvc.get().uri("/migrations/8/freeze-card").with(user("viewer").roles("VIEWER"))).hasStatusOk()
            .satisfies(card -> assertThat(RenderedPage.of(card).text())
                .isEqualTo("Freeze of the source and reverse capture"
                        + " Freeze Unfrozen at 2026-12-02 05:20:00 UTC (frozen at position 0/3000060 at 2026-12-02 05:10:00 UTC)"
                        + " Blocked roles None: no role but the panel's may write the source" + " Ended sessions None"
                        + " Proof Passed: Nothing was committed on the source after the freeze at 0/3000060"
                        + " Rows captured since the switch No capture on the cluster"));
    }

    @Test
    void theDowntimeBannerShowsTheFreezeAndTheProofAsPhasesOfTheWindow() {
        given(downtime.latest(9L)).willReturn(Optional
            .of(new DowntimeView(4, 9, FROZEN_AT, FROZEN_AT.plusSeconds(42), "https://blockster.fly.dev", "MEASURED",
                    List.of(new DowntimePhase("Freeze of the source", FROZEN_AT.plusSeconds(1),
                            FROZEN_AT.plusMillis(1412), "roles blocked: 1, sessions ended: 1"),
                            new DowntimePhase("Freeze proof", FROZEN_AT.plusSeconds(9), FROZEN_AT.plusMillis(9187),
                                    "passed")))));

        assertThat(mvc.get().uri("/migrations/9/downtime-banner").with(user("viewer").roles("VIEWER"))).hasStatusOk()
            .satisfies(banner -> assertThat(RenderedPage.of(banner).text())
                .isEqualTo("Measured downtime: 42s writes stopped 2026-12-02 05:10:00 UTC"
                        + " — of which Freeze of the source 412 ms (roles blocked: 1, sessions ended: 1), Freeze proof 187 ms (passed)"
                        + " , site answered 200 at 2026-12-02 05:10:42 UTC"));
    }

}
