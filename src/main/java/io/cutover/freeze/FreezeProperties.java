package io.cutover.freeze;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param watchInterval how often the source's sessions are sampled while it is frozen
 * @param connectTimeout for the freeze's own sessions to the source and the target
 */
@Validated
@ConfigurationProperties("cutover.freeze")
record FreezeProperties(@NotNull @DefaultValue("100ms") Duration watchInterval,
        @NotNull @DefaultValue("10s") Duration connectTimeout) {
}
