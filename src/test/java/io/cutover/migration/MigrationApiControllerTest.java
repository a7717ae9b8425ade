package io.cutover.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import io.cutover.shared.ConflictException;
import io.cutover.shared.InvalidInputException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * The migrations' JSON API: what a script gets back, and that refusals carry their
 * reason.
 */
@WebMvcTest(MigrationApiController.class)
class MigrationApiControllerTest {

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    MigrationManagement migrations;

    @Test
    void listNamesEveryMigration() {
        given(migrations.list()).willReturn(List.of(new MigrationSummary(3, "production", "flex-to-mpg", 2, "admin",
                Instant.parse("2026-11-30T10:00:00Z"))));

        assertThat(mvc.get().uri("/api/migrations").with(user("viewer").roles("VIEWER"))).hasStatusOk()
            .bodyJson()
            .hasPathSatisfying("$[0].id", v -> v.assertThat().isEqualTo(3))
            .hasPathSatisfying("$[0].name", v -> v.assertThat().isEqualTo("production"))
            .hasPathSatisfying("$[0].runbookVersion", v -> v.assertThat().isEqualTo(2));
    }

    @Test
    void createdMigrationIs201WithItsLocationAndTheCreatorAsActor() {
        given(migrations.create(any(), any()))
            .willReturn(new MigrationDetails(7, "production", "flex-to-mpg", 1, "admin", Instant.now(), List.of()));

        assertThat(mvc.post()
            .uri("/api/migrations")
            .with(user("admin").roles("ADMIN"))
            .with(csrf())
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\":\"production\",\"runbookId\":\"flex-to-mpg\",\"values\":{\"region\":\"ord\"}}"))
            .hasStatus(201)
            .hasHeader("Location", "/api/migrations/7")
            .bodyJson()
            .hasPathSatisfying("$.name", v -> v.assertThat().isEqualTo("production"));
        then(migrations).should()
            .create(eq(new CreateMigration("production", "flex-to-mpg", Map.of("region", "ord"))),
                    argThat(actor -> actor.username().equals("admin")));
    }

    @Test
    void badValuesAre400NamingEachField() {
        given(migrations.create(any(), any())).willThrow(new InvalidInputException("Some parameters are not valid",
                Map.of("volumeSize", "MPG volume size (GB) must be between 1 and 500")));

        assertThat(mvc.post()
            .uri("/api/migrations")
            .with(user("admin").roles("ADMIN"))
            .with(csrf())
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\":\"production\",\"runbookId\":\"flex-to-mpg\",\"values\":{\"volumeSize\":\"9000\"}}"))
            .hasStatus(400)
            .bodyJson()
            .hasPathSatisfying("$.detail", v -> v.assertThat().isEqualTo("Some parameters are not valid"))
            .hasPathSatisfying("$.fieldErrors.volumeSize",
                    v -> v.assertThat().isEqualTo("MPG volume size (GB) must be between 1 and 500"));
    }

    @Test
    void aNameInUseIs409() {
        given(migrations.create(any(), any()))
            .willThrow(new ConflictException("A migration named 'production' exists already"));

        assertThat(mvc.post()
            .uri("/api/migrations")
            .with(user("admin").roles("ADMIN"))
            .with(csrf())
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\":\"production\",\"runbookId\":\"flex-to-mpg\",\"values\":{}}")).hasStatus(409)
            .bodyJson()
            .hasPathSatisfying("$.detail",
                    v -> v.assertThat().isEqualTo("A migration named 'production' exists already"));
    }

    @Test
    void malformedJsonIs400AndChangesNothing() {
        assertThat(mvc.post()
            .uri("/api/migrations/7/parameters")
            .with(user("admin").roles("ADMIN"))
            .with(csrf())
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"region\":")).hasStatus(400);
        then(migrations).should(never()).updateParameters(anyLong(), anyMap(), any());
    }

}
