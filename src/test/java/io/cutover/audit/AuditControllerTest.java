package io.cutover.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import io.cutover.RenderedPage;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * The audit pages and their JSON: pages of 50 newest first, filters by actor, action (or
 * kind of action) and UTC days passed to the query as the URL gives them, the hash chain
 * on every page, and a clear 400 for a filter that cannot be one. Who may see them:
 * RoleAccessTest; the SQL of the filters: AuditRepositoryTest.
 */
@WebMvcTest(AuditController.class)
@Import(AuditPages.class)
class AuditControllerTest {

    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

    private static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

    private static final AuditEntry SIGNED = entry(41, "approver", "gate.signed",
            "Signed 'Backup verified' (backup-verification)");

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    AuditTrail trail;

    @MockitoBean
    AuditRepository repository;

    @BeforeEach
    void chainIntact() {
        given(trail.chainIntact()).willReturn(true);
        given(repository.actors(5L)).willReturn(List.of("approver", "operator"));
        given(repository.actions(5L)).willReturn(List.of("gate.signed", "run.finished", "run.started"));
    }

    @Test
    void migrationTrailShowsWhoDidWhatAndThatTheChainIsIntact() {
        given(repository.findFiltered(5L, "", "", "", EARLIEST, LATEST, 50, 0L)).willReturn(List.of(SIGNED));
        given(repository.countFiltered(5L, "", "", "", EARLIEST, LATEST)).willReturn(1L);

        assertThat(mvc.get().uri("/migrations/5/audit").with(user("viewer").roles("VIEWER"))).hasStatusOk()
            .hasViewName(AuditController.TRAIL_VIEW)
            .satisfies(page -> assertThat(RenderedPage.of(page).text()).contains(
                    "41 2026-11-30 10:15:00 UTC approver gate.signed Signed 'Backup verified' (backup-verification)")
                .contains("Hash chain intact: no entry was changed or removed.")
                .contains("every run.* run.finished run.started"));
    }

    @Test
    void theFirstPageShowsTheNewestFiftyAndLinksToTheOlderOnes() {
        List<AuditEntry> newest = LongStream.rangeClosed(218, 267)
            .map(i -> 485 - i)
            .mapToObj(i -> entry(i, "operator", "run.started", "Started run " + i))
            .toList();
        given(repository.findFiltered(5L, "", "", "", EARLIEST, LATEST, 50, 0L)).willReturn(newest);
        given(repository.countFiltered(5L, "", "", "", EARLIEST, LATEST)).willReturn(267L);

        assertThat(mvc.get().uri("/migrations/5/audit").with(user("viewer").roles("VIEWER"))).hasStatusOk()
            .satisfies(page -> {
                RenderedPage shown = RenderedPage.of(page);
                assertThat(shown.text()).contains("Showing entries 1–50 of 267").contains("page 1 of 6");
                assertThat(shown.hasElementWithId("audit-row-267")).isTrue();
                assertThat(shown.hasElementWithId("audit-row-218")).isTrue();
                assertThat(shown.hasElementWithId("audit-row-217")).isFalse();
                assertThat(shown.hasElementWithId("pager-prev")).isFalse();
                assertThat(shown.attribute("pager-next", "href")).contains("/migrations/5/audit?page=2");
                assertThat(shown.attribute("pager-last", "href")).contains("/migrations/5/audit?page=6");
            });
    }

    @Test
    void filtersReachTheQueryAsWholeUtcDaysAndStayInThePageLinks() {
        given(repository.findFiltered(5L, "operator", "", "run", Instant.parse("2026-11-30T00:00:00Z"),
                Instant.parse("2026-12-02T00:00:00Z"), 50, 50L))
            .willReturn(List.of(entry(12, "operator", "run.finished", "Run 3 of step 'dump' ended SUCCEEDED")));
        given(repository.countFiltered(5L, "operator", "", "run", Instant.parse("2026-11-30T00:00:00Z"),
                Instant.parse("2026-12-02T00:00:00Z")))
            .willReturn(51L);

        assertThat(mvc.get()
            .uri("/migrations/5/audit?actor=operator&action=run&from=2026-11-30&to=2026-12-01&page=2")
            .with(user("viewer").roles("VIEWER"))).hasStatusOk().satisfies(page -> {
                RenderedPage shown = RenderedPage.of(page);
                assertThat(shown.text()).contains("Showing entries 51–51 of 51")
                    .contains("Run 3 of step 'dump' ended SUCCEEDED")
                    .contains("Hash chain intact");
                assertThat(shown.attribute("pager-prev", "href"))
                    .contains("/migrations/5/audit?actor=operator&action=run&from=2026-11-30&to=2026-12-01");
                assertThat(shown.hasElementWithId("pager-next")).isFalse();
            });
    }

    @Test
    void anHtmxRequestGetsTheListWithTheChainButNotThePage() {
        given(repository.findFiltered(5L, "", "gate.signed", "", EARLIEST, LATEST, 50, 0L)).willReturn(List.of(SIGNED));
        given(repository.countFiltered(5L, "", "gate.signed", "", EARLIEST, LATEST)).willReturn(1L);

        assertThat(mvc.get()
            .uri("/migrations/5/audit?action=gate.signed")
            .header("HX-Request", "true")
            .with(user("viewer").roles("VIEWER"))).hasStatusOk()
            .hasViewName(AuditController.TRAIL_PARTIAL)
            .hasHeader("HX-Push-Url", "/migrations/5/audit?action=gate.signed")
            .satisfies(page -> {
                RenderedPage shown = RenderedPage.of(page);
                assertThat(shown.isWholePage()).isFalse();
                assertThat(shown.text()).contains("Hash chain intact")
                    .contains("Signed 'Backup verified'")
                    .doesNotContain("Any action");
            });
    }

    @Test
    void aBrokenChainIsSaidOnThePage() {
        given(trail.chainIntact()).willReturn(false);
        given(repository.findFiltered(5L, "", "", "", EARLIEST, LATEST, 50, 0L)).willReturn(List.of(SIGNED));
        given(repository.countFiltered(5L, "", "", "", EARLIEST, LATEST)).willReturn(1L);

        assertThat(mvc.get().uri("/migrations/5/audit").with(user("viewer").roles("VIEWER"))).hasStatusOk()
            .satisfies(page -> assertThat(RenderedPage.of(page).text())
                .contains("Hash chain BROKEN: an entry was changed or removed outside the panel.")
                .doesNotContain("Hash chain intact"));
    }

    @Test
    void aDayThatIsNoDateIs400WithTheFormAndNoQuery() {
        assertThat(mvc.get().uri("/migrations/5/audit?from=yesterday").with(user("viewer").roles("VIEWER")))
            .hasStatus(400)
            .hasViewName(AuditController.TRAIL_VIEW)
            .satisfies(page -> assertThat(RenderedPage.of(page).text())
                .contains("'from' must be a day written like 2026-11-30, not 'yesterday'")
                .contains("From (UTC day)")
                .contains("Hash chain intact"));
        verify(repository, never()).findFiltered(any(), anyString(), anyString(), anyString(), any(), any(), anyInt(),
                anyLong());
    }

    @Test
    void aRangeThatEndsBeforeItStartsOrABadPageIs400SayingWhy() {
        assertThat(
                mvc.get().uri("/migrations/5/audit?from=2026-12-02&to=2026-12-01").with(user("viewer").roles("VIEWER")))
            .hasStatus(400)
            .satisfies(page -> assertThat(RenderedPage.of(page).text())
                .contains("The first day (2026-12-02) is after the last day (2026-12-01)"));
        assertThat(mvc.get().uri("/migrations/5/audit?page=two").with(user("viewer").roles("VIEWER"))).hasStatus(400)
            .satisfies(page -> assertThat(RenderedPage.of(page).text())
                .contains("The page must be a whole number from 1, not 'two'"));
    }

    @Test
    void jsonTrailListsTheEntriesExactly() {
        given(trail.forMigration(5L)).willReturn(List.of(SIGNED));

        assertThat(mvc.get().uri("/api/migrations/5/audit").with(user("viewer").roles("VIEWER"))).hasStatusOk()
            .bodyJson()
            .hasPathSatisfying("$[0].id", v -> v.assertThat().isEqualTo(41))
            .hasPathSatisfying("$[0].actor", v -> v.assertThat().isEqualTo("approver"))
            .hasPathSatisfying("$[0].action", v -> v.assertThat().isEqualTo("gate.signed"))
            .hasPathSatisfying("$.length()", v -> v.assertThat().isEqualTo(1));
    }

    @Test
    void panelWideTrailPagesThroughTheEntriesOfNoMigration() {
        given(repository.findFiltered(null, "", "", "", EARLIEST, LATEST, 50, 0L))
            .willReturn(List.of(entry(7, "admin", "user.changed", "User 'carol' created")));
        given(repository.countFiltered(null, "", "", "", EARLIEST, LATEST)).willReturn(1L);

        assertThat(mvc.get().uri("/admin/audit").with(user("admin").roles("ADMIN"))).hasStatusOk()
            .hasViewName(AuditController.TRAIL_VIEW)
            .satisfies(page -> assertThat(RenderedPage.of(page).text()).contains("user.changed")
                .contains("User 'carol' created")
                .contains("Showing entries 1–1 of 1"));
    }

    private static AuditEntry entry(long id, String actor, String action, String details) {
        return new AuditEntry(id, 5L, Instant.parse("2026-11-30T10:15:00Z"), actor, action, details,
                "%064d".formatted(id - 1), "%064d".formatted(id));
    }

}
