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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@WebMvcTest(WizardController.class)
@org.springframework.context.annotation.Import(StepOutcomes.class)
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
                .contains("/migrations/2/sync/events"));
    }

}
