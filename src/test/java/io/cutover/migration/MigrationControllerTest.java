package io.cutover.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import io.cutover.runbook.Runbook;
import io.cutover.runbook.Runbooks;
import io.cutover.runbook.TestRunbooks;
import io.cutover.shared.InvalidInputException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@WebMvcTest(MigrationController.class)
class MigrationControllerTest {

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    MigrationManagement migrations;

    @MockitoBean
    Runbooks runbooks;

    private final Runbook seed = TestRunbooks.seed();

    @BeforeEach
    void runbooks() {
        given(runbooks.find(anyString())).willReturn(Optional.of(seed));
        given(runbooks.all()).willReturn(List.of(seed));
    }

    @Test
    void newMigrationFormShowsSeedDefaultsAndThePlanCost() {
        assertThat(mvc.get().uri("/migrations/new").with(user("admin").roles("ADMIN"))).hasStatusOk()
            .hasViewName(MigrationController.FORM_VIEW)
            .bodyText()
            .contains("fragrant-flower-8144-db")
            .contains("$287.60")
            .contains("type=\"password\"");
    }

    @Test
    void createdMigrationRedirectsToItsWizardWithAMessage() {
        given(migrations.create(any(), any()))
            .willReturn(new MigrationDetails(7, "production", "flex-to-mpg", 1, "admin", Instant.now(), List.of()));

        assertThat(mvc.post()
            .uri("/migrations")
            .with(user("admin").roles("ADMIN"))
            .with(csrf())
            .param("name", "production")
            .param("runbookId", "flex-to-mpg")
            .param("values[region]", "ord")).hasStatus3xxRedirection()
            .hasRedirectedUrl("/migrations/7")
            .flash()
            .containsEntry("message", "Migration 'production' created.");
    }

    @Test
    void badInputRendersTheFormAgainWith400AndTheReasonBesideTheField() {
        given(migrations.create(any(), any())).willThrow(new InvalidInputException("Some parameters are not valid",
                Map.of("volumeSize", "MPG volume size (GB) must be between 1 and 500")));

        assertThat(mvc.post()
            .uri("/migrations")
            .with(user("admin").roles("ADMIN"))
            .with(csrf())
            .param("name", "production")
            .param("runbookId", "flex-to-mpg")
            .param("values[volumeSize]", "9000")).hasStatus(400)
            .hasViewName(MigrationController.FORM_VIEW)
            .bodyText()
            .contains("must be between 1 and 500")
            .contains("value=\"9000\"");
    }

    @Test
    void formWithoutCsrfTokenIsRefusedAndCreatesNothing() {
        assertThat(mvc.post().uri("/migrations").with(user("admin").roles("ADMIN")).param("name", "x")).hasStatus(403);
        verifyNoInteractions(migrations);
    }

    @Test
    void planTableFollowsTheVolumeSizeForHtmx() {
        assertThat(mvc.get()
            .uri("/migrations/plan-costs")
            .with(user("viewer").roles("VIEWER"))
            .header("HX-Request", "true")
            .param("runbookId", "flex-to-mpg")
            .param("values[volumeSize]", "100")
            .param("values[plan]", "scale")).hasStatusOk()
            .hasViewName(MigrationController.PLAN_COSTS_PARTIAL)
            .bodyText()
            .contains("$990.00")
            .doesNotContain("<html");
    }

}
