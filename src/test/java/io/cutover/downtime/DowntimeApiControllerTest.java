package io.cutover.downtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@WebMvcTest(DowntimeApiController.class)
class DowntimeApiControllerTest {

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    DowntimeClock clock;

    @Test
    void measuredWindowCarriesItsExactDurationInMilliseconds() {
        given(clock.windows(3L)).willReturn(List.of(new DowntimeView(9, 3, Instant.parse("2026-11-30T10:00:00Z"),
                Instant.parse("2026-11-30T10:00:42.500Z"), "https://blockster.fly.dev", "MEASURED")));

        assertThat(mvc.get().uri("/api/migrations/3/downtime").with(user("viewer").roles("VIEWER"))).hasStatusOk()
            .bodyJson()
            .hasPathSatisfying("$[0].id", v -> v.assertThat().isEqualTo(9))
            .hasPathSatisfying("$[0].millis", v -> v.assertThat().isEqualTo(42500))
            .hasPathSatisfying("$[0].status", v -> v.assertThat().isEqualTo("MEASURED"))
            .hasPathSatisfying("$[0].siteUrl", v -> v.assertThat().isEqualTo("https://blockster.fly.dev"));
    }

    @Test
    void migrationWithoutDowntimeGetsAnEmptyList() {
        given(clock.windows(4L)).willReturn(List.of());

        assertThat(mvc.get().uri("/api/migrations/4/downtime").with(user("viewer").roles("VIEWER"))).hasStatusOk()
            .bodyJson()
            .isLenientlyEqualTo("[]");
    }

}
