package io.cutover.security;

import io.cutover.shared.Role;
import java.util.List;
import org.springframework.http.HttpMethod;

/**
 * Which role each state-changing endpoint needs: one table for the browser and the JSON
 * API (whose paths are the same under {@code /api}). Every role may GET what is not
 * listed; any other request not listed here is denied.
 */
final class EndpointRoles {

    record Rule(HttpMethod method, String path, Role role) {
    }

    static final List<Rule> RULES = List.of(new Rule(HttpMethod.GET, "/migrations/new", Role.ADMIN),
            new Rule(HttpMethod.GET, "/admin/**", Role.ADMIN), new Rule(HttpMethod.POST, "/migrations", Role.ADMIN),
            new Rule(HttpMethod.POST, "/migrations/*/parameters", Role.ADMIN),
            new Rule(HttpMethod.POST, "/migrations/*/gate-items/*/sign-off", Role.APPROVER),
            new Rule(HttpMethod.POST, "/migrations/*/gate-items/*/revoke", Role.APPROVER),
            new Rule(HttpMethod.POST, "/migrations/*/sign-offs/*/revoke", Role.APPROVER),
            new Rule(HttpMethod.POST, "/migrations/*/steps/*/complete", Role.OPERATOR),
            new Rule(HttpMethod.POST, "/migrations/*/steps/*/runs", Role.OPERATOR),
            new Rule(HttpMethod.POST, "/migrations/*/connections/*/test", Role.OPERATOR),
            new Rule(HttpMethod.POST, "/runs/*/cancel", Role.OPERATOR),
            // the sandbox's emulated Fly dashboard (profile sandbox only)
            new Rule(HttpMethod.POST, "/sandbox/clusters/*/pool-mode", Role.OPERATOR),
            new Rule(HttpMethod.POST, "/admin/users", Role.ADMIN),
            new Rule(HttpMethod.POST, "/admin/users/*/enabled", Role.ADMIN),
            new Rule(HttpMethod.POST, "/admin/users/*/roles", Role.ADMIN));

    private EndpointRoles() {
    }

}
