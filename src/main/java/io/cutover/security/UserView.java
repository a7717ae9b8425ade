package io.cutover.security;

import io.cutover.shared.Role;
import java.time.Instant;
import java.util.Set;

/** A user as the admin page shows it (never the hash). */
public record UserView(String username, Set<Role> roles, boolean enabled, String source, Instant createdAt) {
}
