package io.cutover.security;

import static io.cutover.TestUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import io.cutover.PanelTest;
import io.cutover.shared.Role;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
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
 * For every role and every state-changing endpoint of the API and the browser forms: allowed
 * (anything but 401/403) or refused with 403. Allowed calls may still fail on their content.
 */
@PanelTest
class RoleAccessTest {

    /** One user per role in application-test.yaml. */
    private static final List<Role> ROLES = Arrays.asList(Role.values());

    @Autowired
    MockMvcTester mvc;

    record Endpoint(HttpMethod method, String path, boolean api, Set<Role> allowed) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            api(HttpMethod.GET, "/api/migrations", Role.values()),
            api(HttpMethod.GET, "/api/migrations/1", Role.values()),
            api(HttpMethod.POST, "/api/migrations", Role.ADMIN),
            api(HttpMethod.POST, "/api/migrations/1/parameters", Role.ADMIN),
            api(HttpMethod.POST, "/api/migrations/1/steps/one-a/complete", Role.OPERATOR),
            api(HttpMethod.POST, "/api/migrations/1/gate-items/ok-a/sign-off", Role.APPROVER),
            api(HttpMethod.POST, "/api/migrations/1/gate-items/ok-a/revoke", Role.APPROVER),
            form(HttpMethod.GET, "/migrations", Role.values()),
            form(HttpMethod.GET, "/migrations/new", Role.ADMIN),
            form(HttpMethod.POST, "/migrations", Role.ADMIN),
            form(HttpMethod.POST, "/migrations/1/parameters", Role.ADMIN),
            form(HttpMethod.POST, "/migrations/1/steps/one-a/complete", Role.OPERATOR),
            form(HttpMethod.POST, "/migrations/1/gate-items/ok-a/sign-off", Role.APPROVER),
            form(HttpMethod.POST, "/migrations/1/sign-offs/1/revoke", Role.APPROVER),
            form(HttpMethod.GET, "/admin/users", Role.ADMIN),
            form(HttpMethod.POST, "/admin/users", Role.ADMIN),
            form(HttpMethod.POST, "/admin/users/viewer/enabled", Role.ADMIN),
            form(HttpMethod.GET, "/admin/audit", Role.ADMIN));

    static Stream<Arguments> everyRoleOnEveryEndpoint() {
        return ENDPOINTS.stream().flatMap(e -> ROLES.stream().map(r -> Arguments.of(e, r)));
    }

    @ParameterizedTest(name = "{1} {0}")
    @MethodSource("everyRoleOnEveryEndpoint")
    void roleIsAllowedOrRefusedWith403(Endpoint endpoint, Role role) {
        MvcTestResult result = call(endpoint, role);

        int status = result.getResponse().getStatus();
        if (endpoint.allowed().contains(role)) {
            assertThat(status).as("%s may %s", role, endpoint).isNotIn(401, 403);
        } else {
            assertThat(status).as("%s may not %s", role, endpoint).isEqualTo(403);
        }
    }

    @Test
    void apiWithoutCredentialsGets401AsJson() {
        assertThat(mvc.get().uri("/api/migrations").exchange()).hasStatus(401)
                .bodyJson().extractingPath("$.detail").asString().contains("HTTP Basic");
    }

    @Test
    void browserFormWithoutCsrfTokenIsRefused() {
        assertThat(mvc.post().uri("/migrations/1/steps/one-a/complete").with(user("operator").roles("OPERATOR")).exchange())
                .hasStatus(403);
    }

    @Test
    void anonymousBrowserIsSentToTheLoginPage() {
        assertThat(mvc.get().uri("/migrations").exchange()).hasStatus3xxRedirection().redirectedUrl().endsWith("/login");
    }

    @Test
    void apiKeepsNoSession() {
        MvcTestResult result = mvc.get().uri("/api/migrations").with(as("viewer")).exchange();

        assertThat(result).hasStatusOk();
        assertThat(result.getResponse().getHeader("Set-Cookie")).isNull();
    }

    private MvcTestResult call(Endpoint endpoint, Role role) {
        String username = role.name().toLowerCase();
        if (endpoint.api()) {
            var request = endpoint.method() == HttpMethod.GET ? mvc.get().uri(endpoint.path()) : mvc.post().uri(endpoint.path());
            return request.with(as(username)).contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"r\"}").exchange();
        }
        var request = endpoint.method() == HttpMethod.GET ? mvc.get().uri(endpoint.path()) : mvc.post().uri(endpoint.path()).with(csrf());
        return request.with(user(username).roles(role.name())).param("itemId", "ok-a").param("enabled", "true").exchange();
    }

    private static Endpoint api(HttpMethod method, String path, Role... allowed) {
        return new Endpoint(method, path, true, EnumSet.copyOf(Arrays.asList(allowed)));
    }

    private static Endpoint form(HttpMethod method, String path, Role... allowed) {
        return new Endpoint(method, path, false, EnumSet.copyOf(Arrays.asList(allowed)));
    }
}
