package io.cutover.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import io.cutover.RenderedPage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * The audit pages and their JSON, from the trail alone. Who may see them: RoleAccessTest.
 */
@WebMvcTest(AuditController.class)
class AuditControllerTest {

    private static final AuditEntry SIGNED = new AuditEntry(41L, 5L, Instant.parse("2026-11-30T10:15:00Z"), "approver",
            "gate.signed", "Signed 'Backup verified' (backup-verification)", "aa", "bb");

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    AuditTrail trail;

    @Test
    void migrationTrailShowsWhoDidWhatAndThatTheChainIsIntact() {
        given(trail.forMigration(5L)).willReturn(List.of(SIGNED));
        given(trail.chainIntact()).willReturn(true);

        assertThat(mvc.get().uri("/migrations/5/audit").with(user("viewer").roles("VIEWER"))).hasStatusOk()
            .hasViewName(AuditController.TRAIL_VIEW)
            .satisfies(page -> assertThat(RenderedPage.of(page).text()).contains("approver")
                .contains("gate.signed")
                .contains("Signed 'Backup verified' (backup-verification)")
                .contains("Hash chain intact: no entry was changed or removed."));
    }

    @Test
    void aBrokenChainIsSaidOnThePage() {
        given(trail.forMigration(5L)).willReturn(List.of(SIGNED));
        given(trail.chainIntact()).willReturn(false);

        assertThat(mvc.get().uri("/migrations/5/audit").with(user("viewer").roles("VIEWER"))).hasStatusOk()
            .satisfies(page -> assertThat(RenderedPage.of(page).text())
                .contains("Hash chain BROKEN: an entry was changed or removed outside the panel.")
                .doesNotContain("Hash chain intact"));
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
    void panelWideTrailAsksForTheNewestFiveHundred() {
        given(trail.panelWide(500)).willReturn(List.of(new AuditEntry(7L, null, Instant.parse("2026-11-30T09:00:00Z"),
                "admin", "user.created", "Created user 'carol'", "cc", "dd")));
        given(trail.chainIntact()).willReturn(true);

        assertThat(mvc.get().uri("/admin/audit").with(user("admin").roles("ADMIN"))).hasStatusOk()
            .hasViewName(AuditController.TRAIL_VIEW)
            .satisfies(page -> assertThat(RenderedPage.of(page).text()).contains("user.created")
                .contains("Created user 'carol'"));
    }

}
