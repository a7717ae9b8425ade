package io.cutover.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.CutoverApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The panel refuses to start on a broken runbook, and says which file and step is at
 * fault.
 */
class RunbookStartupTest {

    @Test
    void brokenRunbookStopsStartUpNamingFileAndStep() {
        assertThatThrownBy(() -> start("classpath:runbooks-broken/unknown-parameter.yaml")).rootCause()
            .isInstanceOf(RunbookInvalidException.class)
            .hasMessageContaining("runbooks-broken/unknown-parameter.yaml")
            .hasMessageContaining("step 'status-of-app'")
            .hasMessageContaining("${appName}");
    }

    @Test
    void shippedRunbookStartsTheServicesThatUseIt() {
        try (ConfigurableApplicationContext context = start("classpath*:runbooks/*.yaml")) {
            assertThat(context.getBean(Runbooks.class).find("flex-to-mpg")).isPresent();
        }
    }

    private static ConfigurableApplicationContext start(String locations) {
        return new SpringApplicationBuilder(CutoverApplication.class).profiles("test")
            .run("--cutover.runbooks.locations=" + locations, "--server.port=0");
    }

}
