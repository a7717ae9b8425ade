package io.cutover.wizard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import io.cutover.RenderedPage;
import io.cutover.downtime.DowntimeClock;
import io.cutover.execution.RunLauncher;
import io.cutover.gate.ChecklistGate;
import io.cutover.gate.GateClosedException;
import io.cutover.gate.FreshProgress;
import io.cutover.gate.MigrationProgress;
import io.cutover.gate.PhaseProgress;
import io.cutover.downtime.DowntimeView;
import io.cutover.migration.MigrationDetails;
import io.cutover.migration.MigrationManagement;
import io.cutover.runbook.Runbook;
import io.cutover.runbook.TestRunbooks;
import io.cutover.sync.DowntimeForecast;
import io.cutover.sync.SyncStatus;
import io.cutover.sync.SyncStreams;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@WebMvcTest(WizardController.class)
@org.springframework.context.annotation.Import({ StepOutcomes.class, PhaseSchedule.class })
class WizardControllerTest {

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    ChecklistGate gate;

    @MockitoBean
    MigrationManagement migrations;

    @MockitoBean
    RunLauncher runs;

    @MockitoBean
    DowntimeClock downtime;

    @MockitoBean
    SyncStreams sync;

    @MockitoBean
    io.cutover.logstream.LogStream logs;

    @MockitoBean
    FreezeCards freezeCards;

    private final Runbook runbook = TestRunbooks.gated();

    @BeforeEach
    void migrationAtItsStart() {
        given(migrations.details(1L))
            .willReturn(new MigrationDetails(1, "rehearsal", runbook.id(), 1, "admin", Instant.now(), List.of()));
        given(migrations.runbookOf(1L)).willReturn(runbook);
        given(gate.progress(1L)).willReturn(FreshProgress.of(runbook, 1L, id -> ""));
    }

    @Test
    void fullRequestGetsThePageWithThePhaseRail() {
        assertThat(mvc.get().uri("/migrations/1/phases/one").with(user("viewer").roles("VIEWER"))).hasStatusOk()
            .hasViewName(WizardController.PHASE_VIEW)
            .satisfies(page -> assertThat(RenderedPage.of(page).title()).isNotBlank())
            .satisfies(page -> assertThat(RenderedPage.of(page).text()).contains("Phase three")
                .contains("Do the first thing for <app>"));
    }

    @Test
    void htmxRequestGetsOnlyThePhaseBody() {
        assertThat(mvc.get()
            .uri("/migrations/1/phases/one")
            .with(user("viewer").roles("VIEWER"))
            .header("HX-Request", "true")).hasStatusOk()
            .hasViewName(WizardController.PHASE_PARTIAL)
            .satisfies(body -> assertThat(RenderedPage.of(body).hasElementWithId("phase-body")).isTrue())
            .satisfies(body -> assertThat(RenderedPage.of(body).isWholePage()).as("a fragment, not a page").isFalse());
    }

    @Test
    void lockedPhaseSaysWhyAndOffersNoAction() {
        assertThat(mvc.get().uri("/migrations/1/phases/two").with(user("operator").roles("OPERATOR"))).hasStatusOk()
            .satisfies(
                    page -> assertThat(RenderedPage.of(page).text()).contains("is locked").doesNotContain("Mark done"));
    }

    @Test
    void refusedActionShowsTheReasonWithItsStatus() {
        given(gate.completeManualStep(eq(1L), eq("two-a"), any(), anyString()))
            .willThrow(new GateClosedException("'Second step' cannot act: Phase 'Phase two' is locked"));

        assertThat(mvc.post()
            .uri("/migrations/1/steps/two-a/complete")
            .with(user("operator").roles("OPERATOR"))
            .with(csrf())).hasStatus(409)
            .hasViewName(WizardController.PHASE_VIEW)
            .satisfies(page -> assertThat(RenderedPage.of(page).text())
                .contains("cannot act: Phase 'Phase two' is locked"));
    }

    @Test
    void successfulActionRedirectsBackToThePhase() {
        assertThat(mvc.post()
            .uri("/migrations/1/gate-items/ok-b/sign-off")
            .with(user("approver").roles("APPROVER"))
            .with(csrf())
            .param("comment", "looked at it")).hasStatus3xxRedirection()
            .hasRedirectedUrl("/migrations/1/phases/one")
            .flash()
            .containsEntry("message", "Signed.");
    }

    @Test
    void htmxActionGetsTheUpdatedPhaseBodyInsteadOfARedirect() {
        assertThat(mvc.post()
            .uri("/migrations/1/steps/one-a/complete")
            .with(user("operator").roles("OPERATOR"))
            .with(csrf())
            .header("HX-Request", "true")).hasStatusOk()
            .hasViewName(WizardController.PHASE_PARTIAL)
            .satisfies(body -> assertThat(RenderedPage.of(body).text()).contains("Step marked done.")
                .contains("Phase three"))
            .satisfies(body -> assertThat(RenderedPage.of(body).attribute("phase-rail-box", "hx-swap-oob"))
                .as("the phase rail comes along, swapped out of band, so a phase the action opened shows at once")
                .contains("true"));
    }

    @Test
    void overviewOpensTheFirstPhaseThatIsNotDone() {
        assertThat(mvc.get().uri("/migrations/1").with(user("viewer").roles("VIEWER"))).hasStatus3xxRedirection()
            .hasRedirectedUrl("/migrations/1/phases/one");
    }

    @Test
    void theDataMigrationPhaseComparesBothStrategiesAndFollowsTheSyncLive() {
        Runbook seed = TestRunbooks.seed();
        given(migrations.details(2L))
            .willReturn(new MigrationDetails(2, "real", seed.id(), 2, "admin", Instant.now(), List.of()));
        given(migrations.runbookOf(2L)).willReturn(seed);
        given(gate.progress(2L))
            .willReturn(FreshProgress.of(seed, 2L, id -> id.equals("syncStrategy") ? "continuous-sync" : ""));
        given(sync.continuous(2L)).willReturn(true);
        given(sync.forecast(2L)).willReturn(new DowntimeForecast(
                new DowntimeForecast.Estimate(Duration.ofSeconds(754),
                        "a full dump, restore and verification, measured in this migration"),
                new DowntimeForecast.Estimate(Duration.ofSeconds(4),
                        "drain about 1 s once caught up, verification 2.8 s")));
        given(sync.status(2L)).willReturn(SyncStatus.none(2L, Instant.now()));

        assertThat(mvc.get().uri("/migrations/2/phases/data-migration").with(user("viewer").roles("VIEWER")))
            .hasStatusOk()
            .satisfies(page -> assertThat(RenderedPage.of(page).text()).contains("Cutover strategy:")
                .contains("continuous sync")
                .contains("12m 34s")
                .contains("4s")
                .contains("measured in this migration")
                .contains("not used with this strategy"))
            .satisfies(page -> assertThat(RenderedPage.of(page).attributeValues())
                .as("the page follows the sync's live status")
                .contains("/migrations/2/sync/events"))
            .satisfies(page -> assertThat(RenderedPage.of(page).attribute("sync-live", "hx-target"))
                .as("the sync panel's live swaps replace only the live part, never #phase-body")
                .contains("this"))
            .satisfies(page -> assertThat(RenderedPage.of(page).attribute("sync-live", "hx-get"))
                .contains("/migrations/2/sync/panel"));
    }

    @Test
    void theRailAndThePhaseSayWhenFollowUpPhasesAreDueAfterTheMeasuredCutover() {
        seedMigration(FreshProgress.of(TestRunbooks.seed(), 2L, id -> ""));
        Instant cutover = Instant.now().minus(Duration.ofHours(36));
        given(downtime.latest(2L)).willReturn(
                Optional.of(new DowntimeView(1, 2, cutover.minusSeconds(30), cutover, "https://app", "MEASURED")));

        assertThat(mvc.get().uri("/migrations/2/phases/week-1").with(user("viewer").roles("VIEWER"))).hasStatusOk()
            .satisfies(page -> assertThat(RenderedPage.of(page).text())
                .contains("Post-migration: day 1 overdue by 1 day locked")
                .contains("Post-migration: week 1 due in 6 days")
                .contains("Post-migration: weeks 2-4 due in 27 days")
                .contains("Due in 6 days : by")
                .contains("7 days after the measured cutover"))
            .satisfies(page -> assertThat(page.getResponse().getContentAsString()).as("overdue stands out")
                .contains("class=\"d-block phase-due text-danger-emphasis fw-semibold\">overdue by 1 day</small>")
                .contains("class=\"d-block phase-due text-body-secondary\">due in 6 days</small>"));
    }

    @Test
    void decommissionCountsDownToItsUnlockOnceInsteadOfRepeatingTheTime() {
        Instant opens = Instant.now().plus(Duration.ofDays(6).plusHours(4).plusMinutes(30));
        MigrationProgress fresh = FreshProgress.of(TestRunbooks.seed(), 2L, id -> "");
        seedMigration(new MigrationProgress(2L, fresh.phases()
            .stream()
            .map(p -> p.phase().id().equals("decommission") ? new PhaseProgress(p.phase(), p.state(), p.steps(),
                    p.gates(),
                    "Phase 'Decommission the old database' is locked: the stable period of 14 days after 'Cutover' has not passed yet",
                    opens) : p)
            .toList(), fresh.flows()));

        assertThat(mvc.get().uri("/migrations/2/phases/decommission").with(user("viewer").roles("VIEWER")))
            .hasStatusOk()
            .satisfies(page -> assertThat(RenderedPage.of(page).text())
                .contains("Decommission the old database unlocks in 6 d 4 h locked")
                .contains("Unlocks in 6 d 4 h , at")
                .contains("when the stable period after cutover ends."))
            .satisfies(page -> assertThat(page.getResponse().getContentAsString())
                .containsOnlyOnce("<time datetime=\"" + opens + "\">")
                .as("the unlock time is written once")
                .containsOnlyOnce(new io.cutover.web.TimeFormat().of(opens)));
    }

    private void seedMigration(MigrationProgress progress) {
        Runbook seed = TestRunbooks.seed();
        given(migrations.details(2L))
            .willReturn(new MigrationDetails(2, "real", seed.id(), 2, "admin", Instant.now(), List.of()));
        given(migrations.runbookOf(2L)).willReturn(seed);
        given(gate.progress(2L)).willReturn(progress);
    }

}
