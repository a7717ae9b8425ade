package io.cutover.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import io.cutover.gate.GateClosedException;
import io.cutover.logstream.LogStream;
import io.cutover.migration.MigrationManagement;
import io.cutover.runbook.TestRunbooks;
import io.cutover.shared.InvalidInputException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * The runs' JSON API: starting, cancelling and reading a run, and the refusals a script
 * must handle.
 */
@WebMvcTest(RunApiController.class)
@Import(RunFindings.class)
class RunApiControllerTest {

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    RunLauncher runs;

    @MockitoBean
    MigrationManagement migrations;

    @MockitoBean
    LogStream logStream;

    @Test
    void aStartedRunIs201WithItsLocationAndQueued() {
        given(runs.start(eq(1L), eq("restore"), any(), eq(null), eq(false)))
            .willReturn(run(12, RunStatus.QUEUED, null));

        assertThat(mvc.post()
            .uri("/api/migrations/1/steps/restore/runs")
            .with(user("operator").roles("OPERATOR"))
            .with(csrf())).hasStatus(201)
            .hasHeader("Location", "/api/runs/12")
            .bodyJson()
            .hasPathSatisfying("$.id", v -> v.assertThat().isEqualTo(12))
            .hasPathSatisfying("$.status", v -> v.assertThat().isEqualTo("QUEUED"));
    }

    @Test
    void theTypedConfirmationAndRerunReachTheLauncher() {
        given(runs.start(eq(1L), eq("scale-down"), any(), eq("blockster"), eq(true)))
            .willReturn(run(13, RunStatus.QUEUED, null));

        assertThat(mvc.post()
            .uri("/api/migrations/1/steps/scale-down/runs")
            .with(user("operator").roles("OPERATOR"))
            .with(csrf())
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"confirm\":\"blockster\",\"rerun\":true}")).hasStatus(201)
            .hasHeader("Location", "/api/runs/13");
    }

    @Test
    void aClosedGateIs409WithTheReason() {
        given(runs.start(eq(1L), eq("restore"), any(), eq(null), eq(false)))
            .willThrow(new GateClosedException("'Restore' cannot act: Phase 'Data migration' is locked"));

        assertThat(mvc.post()
            .uri("/api/migrations/1/steps/restore/runs")
            .with(user("operator").roles("OPERATOR"))
            .with(csrf())).hasStatus(409)
            .bodyJson()
            .hasPathSatisfying("$.detail",
                    v -> v.assertThat().isEqualTo("'Restore' cannot act: Phase 'Data migration' is locked"));
    }

    @Test
    void aMissingConfirmationIs400() {
        given(runs.start(eq(1L), eq("scale-down"), any(), eq(null), eq(false)))
            .willThrow(new InvalidInputException("Type the app's name to confirm: this step stops the app"));

        assertThat(mvc.post()
            .uri("/api/migrations/1/steps/scale-down/runs")
            .with(user("operator").roles("OPERATOR"))
            .with(csrf())).hasStatus(400)
            .bodyJson()
            .hasPathSatisfying("$.detail",
                    v -> v.assertThat().isEqualTo("Type the app's name to confirm: this step stops the app"));
    }

    @Test
    void cancelPassesTheTypedWordAndAnswersTheRun() {
        given(runs.cancel(eq(12L), any(), eq("cancel")))
            .willReturn(run(12, RunStatus.CANCELLED, "Cancelled by operator"));

        assertThat(mvc.post()
            .uri("/api/runs/12/cancel")
            .with(user("operator").roles("OPERATOR"))
            .with(csrf())
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"confirm\":\"cancel\"}")).hasStatusOk()
            .bodyJson()
            .hasPathSatisfying("$.status", v -> v.assertThat().isEqualTo("CANCELLED"))
            .hasPathSatisfying("$.message", v -> v.assertThat().isEqualTo("Cancelled by operator"));
    }

    @Test
    void aRunIsShownWithItsExitCodeAndNoHintsWhenNoneMatched() {
        given(runs.get(12L)).willReturn(run(12, RunStatus.SUCCEEDED, "Exited with code 0"));
        given(migrations.runbookOf(1L)).willReturn(TestRunbooks.seed());
        given(logStream.hints(12L)).willReturn(List.of());

        assertThat(mvc.get().uri("/api/runs/12").with(user("viewer").roles("VIEWER"))).hasStatusOk()
            .bodyJson()
            .hasPathSatisfying("$.run.status", v -> v.assertThat().isEqualTo("SUCCEEDED"))
            .hasPathSatisfying("$.run.exitCode", v -> v.assertThat().isEqualTo(0))
            .hasPathSatisfying("$.hints.length()", v -> v.assertThat().isEqualTo(0));
    }

    private static RunView run(long id, RunStatus status, String message) {
        boolean ended = status != RunStatus.QUEUED;
        return new RunView(id, 1, "data-migration", "restore", "COMMAND", status, null, "operator",
                Instant.parse("2026-11-30T10:00:00Z"), ended ? Instant.parse("2026-11-30T10:00:01Z") : null,
                ended ? Instant.parse("2026-11-30T10:00:05Z") : null, status == RunStatus.SUCCEEDED ? 0 : null, message,
                null, false);
    }

}
