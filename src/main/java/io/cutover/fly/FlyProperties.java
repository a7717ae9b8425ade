package io.cutover.fly;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param flyctl the flyctl binary: a name looked up on PATH or an absolute path
 * @param tokenParameter the migration parameter holding FLY_API_TOKEN
 */
@Validated
@ConfigurationProperties("cutover.fly")
record FlyProperties(@NotBlank @DefaultValue("flyctl") String flyctl,
        @NotBlank @DefaultValue("flyApiToken") String tokenParameter) {
}
