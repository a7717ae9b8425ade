package io.cutover.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import io.cutover.RenderedPage;
import io.cutover.migration.ExecutionValues;
import io.cutover.migration.MigrationManagement;
import io.cutover.shared.ConnectionUrl;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * "Test connection": what the operator reads after the probe, on the page and in the API.
 */
@WebMvcTest(ConnectionTestController.class)
class ConnectionTestControllerTest {

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    MigrationManagement migrations;

    @MockitoBean
    Verifier verifier;

    @BeforeEach
    void migrationWithASourceConnection() {
        ExecutionValues.Connection source = new ExecutionValues.Connection(
                ConnectionUrl.parse("postgres://app@db.internal:5432/app").url(), Optional.of("pw"));
        given(migrations.executionValues(1L))
            .willReturn(new ExecutionValues(Map.of(), Map.of(), Map.of("sourceUrl", source)));
    }

    @Test
    void workingConnectionRedirectsToTheParametersWithVersionSizeAndLatency() {
        given(verifier.probe(eq("sourceUrl"), any()))
            .willReturn(new ProbeResult("sourceUrl", true, "15.8", 15, 3 * 1024 * 1024, 12, null));

        assertThat(mvc.post()
            .uri("/migrations/1/connections/sourceUrl/test")
            .with(user("operator").roles("OPERATOR"))
            .with(csrf())).hasStatus3xxRedirection()
            .hasRedirectedUrl("/migrations/1/parameters")
            .flash()
            .containsEntry("message",
                    "sourceUrl: PostgreSQL 15.8, database " + Sizes.human(3 * 1024 * 1024) + ", latency 12 ms");
    }

    @Test
    void failingConnectionSaysWhatIsWrong() {
        given(verifier.probe(eq("sourceUrl"), any()))
            .willReturn(ProbeResult.failed("sourceUrl", "password authentication failed for user \"app\""));

        assertThat(mvc.post()
            .uri("/migrations/1/connections/sourceUrl/test")
            .with(user("operator").roles("OPERATOR"))
            .with(csrf())).hasStatus3xxRedirection()
            .flash()
            .containsEntry("error", "sourceUrl: password authentication failed for user \"app\"");
    }

    @Test
    void apiAnswersTheProbeAsJson() {
        given(verifier.probe(eq("sourceUrl"), any()))
            .willReturn(new ProbeResult("sourceUrl", true, "15.8", 15, 2048, 7, null));

        assertThat(mvc.post()
            .uri("/api/migrations/1/connections/sourceUrl/test")
            .with(user("operator").roles("OPERATOR"))
            .with(csrf())).hasStatusOk()
            .bodyJson()
            .hasPathSatisfying("$.ok", v -> v.assertThat().isEqualTo(true))
            .hasPathSatisfying("$.serverMajor", v -> v.assertThat().isEqualTo(15))
            .hasPathSatisfying("$.latencyMillis", v -> v.assertThat().isEqualTo(7));
    }

    @Test
    void aParameterThatIsNoConnectionIs404AndProbesNothing() {
        assertThat(mvc.post()
            .uri("/api/migrations/1/connections/appName/test")
            .with(user("operator").roles("OPERATOR"))
            .with(csrf())).hasStatus(404)
            // the controller is a page controller, so even its API answer is the error
            // page (not a problem detail)
            .satisfies(page -> assertThat(RenderedPage.of(page).text())
                .contains("'appName' is not a connection that is set on this migration"));
        verifyNoInteractions(verifier);
    }

    @Test
    void formWithoutCsrfTokenIsRefused() {
        assertThat(mvc.post().uri("/migrations/1/connections/sourceUrl/test").with(user("operator").roles("OPERATOR")))
            .hasStatus(403);
        verifyNoInteractions(verifier);
    }

}
