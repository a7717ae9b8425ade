package io.cutover.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import io.cutover.shared.Role;

/**
 * @param users accounts defined in configuration; created or updated at every start
 * @param demoUsers create one demo user per role with a fresh random password, printed
 * once at start-up (sandbox only)
 */
@Validated
@ConfigurationProperties("cutover.security")
record SecurityProperties(@Valid @DefaultValue List<ConfiguredUser> users, @DefaultValue("false") boolean demoUsers) {

    /**
     * @param passwordHash a bcrypt hash ({@code $2a$...}), never a clear-text password
     */
    record ConfiguredUser(@NotBlank String username, @NotBlank @Pattern(regexp = "^\\$2[aby]?\\$\\d\\d\\$.{53}$",
            message = "must be a bcrypt hash") String passwordHash, @NotEmpty Set<Role> roles) {
    }
}
