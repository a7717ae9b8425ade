package io.cutover.shared;

import java.util.Set;

/**
 * The person behind an action, as the security layer authenticated them.
 *
 * @param roles role names without the {@code ROLE_} prefix, e.g. {@code OPERATOR}
 */
public record Actor(String username, Set<String> roles) {

    public Actor {
        roles = Set.copyOf(roles);
    }

    public static Actor system() {
        return new Actor("system", Set.of());
    }

    public boolean hasRole(Role role) {
        return roles.contains(role.name());
    }
}
