package io.cutover.fly;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.CutoverApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The seed's pitfall: {@code fly postgres detach} on the Flex cluster deletes the app's
 * database user and with it the way back. A runbook that contains it, however its flags
 * are ordered, keeps the panel from starting, and the message names each offending step.
 */
class FlyCommandGuardTest {

    @Test
    void aRunbookThatDetachesTheFlexClusterStopsStartUpNamingEveryOffendingStep() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(CutoverApplication.class).profiles("test")
            .run("--cutover.runbooks.locations=classpath:runbooks-broken/fly-detach.yaml", "--server.port=0"))
            .rootCause()
            .isInstanceOf(IllegalStateException.class)
            .hasMessageStartingWith("Runbook refused:")
            .hasMessageContaining(
                    "runbooks-broken/fly-detach.yaml, step 'detach-flex': The panel never runs 'fly postgres detach'")
            .hasMessageContaining(
                    "runbooks-broken/fly-detach.yaml, step 'detach-flags-first': The panel never runs 'fly postgres detach'")
            .as("a path to flyctl is still flyctl: it goes through the adapter and its rules")
            .hasMessageContaining(
                    "runbooks-broken/fly-detach.yaml, step 'detach-by-path': The panel never runs 'fly postgres detach'")
            .hasMessageContaining("Leave the old cluster attached until decommission")
            .as("fly mpg detach is the rollback's own step and stays allowed")
            .hasMessageNotContaining("detach-mpg");
    }

}
