package io.cutover.shared;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the panel as a whole.
 *
 * @param dataDir where the panel keeps its H2 database, key file and migration working
 * directories
 * @param sandbox true when running the rehearsal profile against the flyctl emulator
 */
@Validated
@ConfigurationProperties("cutover")
public record PanelProperties(@NotNull @DefaultValue("cutover-data") Path dataDir,
        @DefaultValue("false") boolean sandbox) {
}
