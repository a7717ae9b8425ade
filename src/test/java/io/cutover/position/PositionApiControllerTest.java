package io.cutover.position;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import io.cutover.runbook.SqlTarget;
import io.cutover.shared.NotFoundException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@WebMvcTest(PositionApiController.class)
class PositionApiControllerTest {

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    MigrationPositions positions;

    @Test
    void positionNamesTheStateTheDatabaseAndWhatTheTargetHolds() {
        given(positions.of(2L)).willReturn(
                new Position(AppState.ON_MPG, SqlTarget.TARGET, true, false, "App on MPG since 'Attach the cluster'",
                        Instant.parse("2026-11-30T10:00:00Z"), new TargetCopy(TargetCopy.Status.COPIED,
                                "the copy of run 12", 12L, "restore", Instant.parse("2026-11-30T09:00:00Z"))));

        assertThat(mvc.get().uri("/api/migrations/2/position").with(user("viewer").roles("VIEWER"))).hasStatusOk()
            .bodyJson()
            .hasPathSatisfying("$.state", v -> v.assertThat().isEqualTo("ON_MPG"))
            .hasPathSatisfying("$.appDatabase", v -> v.assertThat().isEqualTo("TARGET"))
            .hasPathSatisfying("$.appRunning", v -> v.assertThat().isEqualTo(true))
            .hasPathSatisfying("$.target.status", v -> v.assertThat().isEqualTo("COPIED"))
            .hasPathSatisfying("$.target.runId", v -> v.assertThat().isEqualTo(12));
    }

    @Test
    void unknownMigrationIs404WithTheReason() {
        given(positions.of(99L)).willThrow(new NotFoundException("Migration 99 does not exist"));

        assertThat(mvc.get().uri("/api/migrations/99/position").with(user("viewer").roles("VIEWER"))).hasStatus(404)
            .bodyJson()
            .hasPathSatisfying("$.detail", v -> v.assertThat().isEqualTo("Migration 99 does not exist"));
    }

}
