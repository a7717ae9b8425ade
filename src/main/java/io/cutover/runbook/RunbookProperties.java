package io.cutover.runbook;

import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where runbooks are read from.
 *
 * @param locations resource patterns; every match is loaded and validated at start-up
 */
@Validated
@ConfigurationProperties("cutover.runbooks")
record RunbookProperties(@NotEmpty @DefaultValue("classpath*:runbooks/*.yaml") List<String> locations) {
}
