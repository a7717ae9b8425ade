package io.cutover.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import io.cutover.PanelTest;
import io.cutover.RunApi;
import io.cutover.shared.Actor;
import io.cutover.shared.Role;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * Disabling a user or taking a role away ends their browser sessions at their next
 * request.
 */
@PanelTest
class SessionEndTest {

    private static final String PASSWORD = "a-long-enough-password";

    private static final Actor ADMIN = new Actor("admin", Set.of("ADMIN"));

    @Autowired
    MockMvcTester mvc;

    @Autowired
    UserAccounts accounts;

    @Autowired
    RunApi api;

    @Test
    void disabledUsersSessionIsRefusedAtItsNextRequestAndChangesNothing() {
        String name = newUser(Role.OPERATOR);
        long migration = api.createMigration("gated-test", "{}");
        MockHttpSession session = login(name);
        assertThat(mvc.get().uri("/migrations").session(session)).hasStatusOk();

        accounts.setEnabled(name, false, ADMIN);

        assertThat(mvc.post()
            .uri("/migrations/" + migration + "/steps/one-a/complete")
            .session(session)
            .with(csrf())
            .param("note", "after the disable")).hasStatus(302).hasRedirectedUrl("/login?ended");
        assertThat(session.isInvalid()).isTrue();
        assertThat(api
            .body(mvc.get().uri("/api/migrations/" + migration).with(io.cutover.TestUsers.as("viewer")).exchange())
            .get("phases")
            .get(0)
            .get("steps")
            .get(0)
            .get("timesDone")
            .asInt()).as("the step was not marked done").isZero();
        assertThat(mvc.get().uri("/api/migrations").with(httpBasic(name, PASSWORD))).as("the API refuses them too")
            .hasStatus(401);
        await().atMost(Duration.ofSeconds(5))
            .untilAsserted(() -> assertThat(PanelAuditPage.text(mvc, "actor", name, "action", "session.ended"))
                .contains(name + " session.ended"));
    }

    @Test
    void removingARoleEndsTheSessionAndTheApiSeesTheNewRolesAtOnce() {
        String name = newUser(Role.OPERATOR, Role.APPROVER);
        MockHttpSession session = login(name);
        assertThat(mvc.get().uri("/migrations").session(session)).hasStatusOk();

        accounts.setRoles(name, EnumSet.of(Role.OPERATOR), ADMIN);

        assertThat(mvc.get().uri("/migrations").session(session)).hasStatus(302).hasRedirectedUrl("/login?ended");
        assertThat(mvc.post()
            .uri("/api/migrations/1/gate-items/ok-a/sign-off")
            .with(httpBasic(name, PASSWORD))
            .contentType("application/json")
            .content("{}")).as("no longer an approver").hasStatus(403);
        assertThat(mvc.get().uri("/migrations").session(login(name))).as("a new login works with the new roles")
            .hasStatusOk();
    }

    @Test
    void loginPageSaysWhyTheSessionEnded() {
        assertThat(mvc.get().uri("/login?ended")).hasStatusOk()
            .bodyText()
            .contains("Your session was ended: your account was disabled or its roles changed. Sign in again.");
    }

    private String newUser(Role... roles) {
        String name = "session-" + System.nanoTime();
        accounts.create(name, PASSWORD, EnumSet.copyOf(Set.of(roles)), ADMIN);
        return name;
    }

    private MockHttpSession login(String name) {
        var result = mvc.post()
            .uri("/login")
            .with(csrf())
            .param("username", name)
            .param("password", PASSWORD)
            .exchange();
        assertThat(result).hasStatus(302).hasRedirectedUrl("/migrations");
        return (MockHttpSession) result.getRequest().getSession(false);
    }

}
