package io.cutover.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import io.cutover.RenderedPage;
import io.cutover.migration.MigrationDetails;
import io.cutover.migration.MigrationManagement;
import io.cutover.runbook.TestRunbooks;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * The runs list: step titles instead of ids, filters passed to the query as the URL gives
 * them, pages that keep the filters, the fragment for htmx, and a clear 400 for a filter
 * the runbook does not know. The SQL of the filters: RunRepositoryTest.
 */
@WebMvcTest(RunListController.class)
@Import(RunHistory.class)
class RunListControllerTest {

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    RunRepository repository;

    @MockitoBean
    RunLauncher runs;

    @MockitoBean
    MigrationManagement migrations;

    @BeforeEach
    void migration() {
        given(migrations.details(1L))
            .willReturn(new MigrationDetails(1, "rehearsal", "gated-test", 1, "admin", Instant.now(), List.of()));
        given(migrations.runbookOf(1L)).willReturn(TestRunbooks.gated());
        given(repository.performers(1L)).willReturn(List.of(new RunRepository.StepPerformer("one-a", "operator"),
                new RunRepository.StepPerformer("two-a", "carol")));
    }

    @Test
    void theListShowsStepAndPhaseTitlesOfTheRunsTheFiltersSelect() {
        given(repository.findFiltered(1L, "one", "", "FAILED", "operator", 50, 0L))
            .willReturn(List.of(run(7, "one", "one-a", RunStatus.FAILED)));
        given(repository.countFiltered(1L, "one", "", "FAILED", "operator")).willReturn(1L);

        assertThat(mvc.get()
            .uri("/migrations/1/runs?phase=one&status=FAILED&actor=operator")
            .with(user("viewer").roles("VIEWER"))).hasStatusOk()
            .hasViewName(RunListController.RUNS_VIEW)
            .satisfies(page -> {
                RenderedPage shown = RenderedPage.of(page);
                assertThat(shown.hasElementWithId("run-row-7")).isTrue();
                assertThat(shown.text()).contains("7 First step Phase one failed operator")
                    .contains("Showing runs 1–1 of 1")
                    .doesNotContain("one-a");
                assertThat(shown.hasElementWithId("pager-next")).isFalse();
            });
    }

    @Test
    void aMiddlePageLinksToItsNeighboursKeepingTheFilters() {
        given(repository.findFiltered(1L, "", "one-a", "", "", 50, 50L)).willReturn(
                List.of(run(70, "one", "one-a", RunStatus.SUCCEEDED), run(69, "one", "one-a", RunStatus.FAILED)));
        given(repository.countFiltered(1L, "", "one-a", "", "")).willReturn(120L);

        assertThat(mvc.get().uri("/migrations/1/runs?step=one-a&page=2").with(user("viewer").roles("VIEWER")))
            .hasStatusOk()
            .satisfies(page -> {
                RenderedPage shown = RenderedPage.of(page);
                assertThat(shown.text()).contains("Showing runs 51–52 of 120").contains("page 2 of 3");
                assertThat(shown.attribute("pager-prev", "href")).contains("/migrations/1/runs?step=one-a");
                assertThat(shown.attribute("pager-next", "href")).contains("/migrations/1/runs?step=one-a&page=3");
                assertThat(shown.attribute("pager-last", "href")).contains("/migrations/1/runs?step=one-a&page=3");
                assertThat(shown.hasElementWithId("run-row-70")).isTrue();
                assertThat(shown.hasElementWithId("run-row-69")).isTrue();
            });
    }

    @Test
    void aPagePastTheEndSaysHowManyThereAreAndLinksToTheFirstAndLast() {
        given(repository.findFiltered(1L, "", "", "", "", 50, 400L)).willReturn(List.of());
        given(repository.countFiltered(1L, "", "", "", "")).willReturn(120L);

        assertThat(mvc.get().uri("/migrations/1/runs?page=9").with(user("viewer").roles("VIEWER"))).hasStatusOk()
            .satisfies(page -> {
                RenderedPage shown = RenderedPage.of(page);
                assertThat(shown.text()).contains("No runs on page 9: there are 3 pages.").doesNotContain("Showing");
                assertThat(shown.attribute("pager-first", "href")).contains("/migrations/1/runs");
                assertThat(shown.attribute("pager-last", "href")).contains("/migrations/1/runs?page=3");
                assertThat(shown.hasElementWithId("pager-prev")).isFalse();
            });
    }

    @Test
    void anHtmxRequestGetsTheListFragmentAlone() {
        given(repository.findFiltered(1L, "", "", "", "carol", 50, 0L))
            .willReturn(List.of(run(9, "two", "two-a", RunStatus.RUNNING)));
        given(repository.countFiltered(1L, "", "", "", "carol")).willReturn(1L);

        assertThat(mvc.get()
            .uri("/migrations/1/runs?actor=carol")
            .header("HX-Request", "true")
            .with(user("viewer").roles("VIEWER"))).hasStatusOk()
            .hasViewName(RunListController.RUNS_PARTIAL)
            .hasHeader("Vary", "HX-Request")
            .hasHeader("HX-Push-Url", "/migrations/1/runs?actor=carol")
            .satisfies(page -> {
                RenderedPage shown = RenderedPage.of(page);
                assertThat(shown.isWholePage()).isFalse();
                assertThat(shown.text()).contains("9 Second step Phase two running").doesNotContain("Files produced");
            });
    }

    @Test
    void noMatchingRunSaysSoRatherThanNothingHasRun() {
        given(repository.findFiltered(1L, "", "", "CANCELLED", "", 50, 0L)).willReturn(List.of());
        given(repository.countFiltered(1L, "", "", "CANCELLED", "")).willReturn(0L);

        assertThat(mvc.get().uri("/migrations/1/runs?status=CANCELLED").with(user("viewer").roles("VIEWER")))
            .hasStatusOk()
            .satisfies(page -> assertThat(RenderedPage.of(page).text()).contains("No run matches these filters.")
                .doesNotContain("Nothing has run yet."));
    }

    @Test
    void anUnknownStatusIs400WithTheAllowedValuesAndNoQuery() {
        assertThat(mvc.get().uri("/migrations/1/runs?status=BROKEN").with(user("viewer").roles("VIEWER")))
            .hasStatus(400)
            .hasViewName(RunListController.RUNS_VIEW)
            .satisfies(page -> assertThat(RenderedPage.of(page).text()).contains(
                    "The status must be one of QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED, TIMED_OUT, INTERRUPTED, not 'BROKEN'")
                .contains("Filter"));
        verify(repository, never()).findFiltered(anyLong(), anyString(), anyString(), anyString(), anyString(),
                anyInt(), anyLong());
    }

    @Test
    void anUnknownStepOrAPageThatIsNoNumberIs400SayingWhich() {
        assertThat(mvc.get().uri("/migrations/1/runs?step=nope").with(user("viewer").roles("VIEWER"))).hasStatus(400)
            .satisfies(page -> assertThat(RenderedPage.of(page).text())
                .contains("There is no step 'nope' in this runbook"));
        assertThat(mvc.get().uri("/migrations/1/runs?page=-3").with(user("viewer").roles("VIEWER"))).hasStatus(400)
            .satisfies(page -> assertThat(RenderedPage.of(page).text())
                .contains("The page must be a whole number from 1, not '-3'"));
    }

    private static Run run(long id, String phaseId, String stepId, RunStatus status) {
        return new Run(id, 1L, phaseId, stepId, "MANUAL", status, null,
                status == RunStatus.RUNNING ? "carol" : "operator", Instant.parse("2026-11-30T10:00:00Z"),
                Instant.parse("2026-11-30T10:00:01Z"), status.active() ? null : Instant.parse("2026-11-30T10:00:05Z"),
                null, null, null, null, null, false, 1);
    }

}
