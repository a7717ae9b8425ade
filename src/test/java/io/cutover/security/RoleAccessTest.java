package io.cutover.security;

import static io.cutover.TestUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import io.cutover.PanelTest;
import io.cutover.RunApi;
import io.cutover.shared.Role;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * For every role and every state-changing endpoint of the API and the browser forms: an
 * allowed role gets the exact answer of the action itself (a 404 or 500 would fail it),
 * any other 403.
 */
@PanelTest
class RoleAccessTest {

    /** One user per role in application-test.yaml. */
    private static final List<Role> ROLES = Arrays.asList(Role.values());

    @Autowired
    MockMvcTester mvc;

    @Autowired
    RunApi api;

    /**
     * A fresh migration of the gated test runbook for every call, so that no call sees
     * another's effects.
     */
    long migration;

    @BeforeEach
    void freshMigration() {
        migration = api.createMigration("gated-test", "{}");
    }

    /**
     * An endpoint, the roles that may call it and the exact status an allowed call gets
     * with the test's request (a JSON body {@code {"reason":"r"}}, form fields
     * {@code itemId=ok-a} and {@code enabled=true}) on a fresh migration: that status
     * says the call got past security and reached the action, which answered as it does
     * for that content.
     */
    record Endpoint(HttpMethod method, String path, boolean api, int allowedStatus, Set<Role> allowed) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static final List<Endpoint> ENDPOINTS = List.of(api(HttpMethod.GET, "/api/migrations", 200, Role.values()),
            api(HttpMethod.GET, "/api/migrations/{id}", 200, Role.values()),
            // no name, no runbook: refused on its content
            api(HttpMethod.POST, "/api/migrations", 400, Role.ADMIN),
            // "reason" is no parameter of the runbook
            api(HttpMethod.POST, "/api/migrations/{id}/parameters", 400, Role.ADMIN),
            api(HttpMethod.POST, "/api/migrations/{id}/steps/one-a/complete", 200, Role.OPERATOR),
            // the item attests one-a, which is not done yet
            api(HttpMethod.POST, "/api/migrations/{id}/gate-items/ok-a/sign-off", 409, Role.APPROVER),
            // nothing signed yet, so the caller has no sign-off there to revoke
            api(HttpMethod.POST, "/api/migrations/{id}/gate-items/ok-a/revoke", 409, Role.APPROVER),
            form(HttpMethod.GET, "/migrations", 200, Role.values()),
            form(HttpMethod.GET, "/migrations/new", 200, Role.ADMIN),
            // the form again, with what is missing (no name, no runbook)
            form(HttpMethod.POST, "/migrations", 400, Role.ADMIN),
            form(HttpMethod.POST, "/migrations/{id}/parameters", 302, Role.ADMIN),
            form(HttpMethod.POST, "/migrations/{id}/steps/one-a/complete", 302, Role.OPERATOR),
            form(HttpMethod.POST, "/migrations/{id}/gate-items/ok-a/sign-off", 409, Role.APPROVER),
            // a revocation needs a reason
            form(HttpMethod.POST, "/migrations/{id}/sign-offs/1/revoke", 400, Role.APPROVER),
            form(HttpMethod.GET, "/admin/users", 200, Role.ADMIN),
            // no user name
            form(HttpMethod.POST, "/admin/users", 400, Role.ADMIN),
            form(HttpMethod.POST, "/admin/users/viewer/enabled", 302, Role.ADMIN),
            form(HttpMethod.GET, "/admin/audit", 200, Role.ADMIN));

    static Stream<Arguments> everyRoleOnEveryEndpoint() {
        return ENDPOINTS.stream().flatMap(e -> ROLES.stream().map(r -> Arguments.of(e, r)));
    }

    @ParameterizedTest(name = "{1} {0}")
    @MethodSource("everyRoleOnEveryEndpoint")
    void allowedRoleGetsTheActionsAnswerOthers403(Endpoint endpoint, Role role) {
        MvcTestResult result = call(endpoint, role);

        int status = result.getResponse().getStatus();
        if (endpoint.allowed().contains(role)) {
            assertThat(status).as("%s may %s", role, endpoint).isEqualTo(endpoint.allowedStatus());
        }
        else {
            assertThat(status).as("%s may not %s", role, endpoint).isEqualTo(403);
        }
    }

    @Test
    void apiWithoutCredentialsGets401AsJson() {
        assertThat(mvc.get().uri("/api/migrations").exchange()).hasStatus(401)
            .bodyJson()
            .extractingPath("$.detail")
            .asString()
            .contains("HTTP Basic");
    }

    @Test
    void browserFormWithoutCsrfTokenIsRefused() {
        assertThat(mvc.post()
            .uri("/migrations/1/steps/one-a/complete")
            .with(user("operator").roles("OPERATOR"))
            .exchange()).hasStatus(403);
    }

    @Test
    void anonymousBrowserIsSentToTheLoginPage() {
        assertThat(mvc.get().uri("/migrations").exchange()).hasStatus3xxRedirection()
            .redirectedUrl()
            .endsWith("/login");
    }

    @Test
    void apiKeepsNoSession() {
        MvcTestResult result = mvc.get().uri("/api/migrations").with(as("viewer")).exchange();

        assertThat(result).hasStatusOk();
        assertThat(result.getResponse().getHeader("Set-Cookie")).isNull();
    }

    private MvcTestResult call(Endpoint endpoint, Role role) {
        String username = role.name().toLowerCase();
        String path = endpoint.path().replace("{id}", Long.toString(migration));
        if (endpoint.api()) {
            var request = endpoint.method() == HttpMethod.GET ? mvc.get().uri(path) : mvc.post().uri(path);
            return request.with(as(username))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"r\"}")
                .exchange();
        }
        var request = endpoint.method() == HttpMethod.GET ? mvc.get().uri(path) : mvc.post().uri(path).with(csrf());
        return request.with(user(username).roles(role.name()))
            .param("itemId", "ok-a")
            .param("enabled", "true")
            .exchange();
    }

    private static Endpoint api(HttpMethod method, String path, int allowedStatus, Role... allowed) {
        return new Endpoint(method, path, true, allowedStatus, EnumSet.copyOf(Arrays.asList(allowed)));
    }

    private static Endpoint form(HttpMethod method, String path, int allowedStatus, Role... allowed) {
        return new Endpoint(method, path, false, allowedStatus, EnumSet.copyOf(Arrays.asList(allowed)));
    }

}
