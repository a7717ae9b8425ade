package io.cutover.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import io.cutover.PanelTest;
import io.cutover.RunApi;
import io.cutover.TestUsers;
import io.cutover.shared.Actor;
import io.cutover.shared.Role;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Disabling a user or taking a role away ends their browser sessions at their next
 * request, although the session check reads each account's state from memory
 * ({@link AccountStates}) after the first request.
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

    @Autowired
    AccountStates states;

    @Autowired
    TransactionTemplate transactions;

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

    @Test
    void adminChangingRolesEndsTheWarmSessionAtTheNextRequestAndHtmxIsSentToTheLoginPage() {
        String name = newUser(Role.OPERATOR, Role.APPROVER);
        MockHttpSession session = warmSession(name);

        assertThat(mvc.post()
            .uri("/admin/users/" + name + "/roles")
            .session(login("admin", TestUsers.PASSWORD))
            .with(csrf())
            .param("roles", "APPROVER")).hasStatus(302).hasRedirectedUrl("/admin/users");

        assertThat(mvc.get().uri("/migrations").session(session).header("HX-Request", "true")).hasStatus(401)
            .hasHeader("HX-Redirect", "/login?ended");
        assertThat(session.isInvalid()).isTrue();
        assertThat(mvc.get().uri("/migrations").session(login(name))).as("a new login has the new roles").hasStatusOk();
    }

    @Test
    void aChangeThatRollsBackLeavesTheSessionWorking() {
        String name = newUser(Role.OPERATOR);
        MockHttpSession session = warmSession(name);

        transactions.executeWithoutResult(tx -> {
            accounts.setEnabled(name, false, ADMIN);
            tx.setRollbackOnly();
        });

        assertThat(mvc.get().uri("/migrations").session(session)).hasStatusOk();
        assertThat(states.current(name)).get().extracting(AccountStates.State::enabled).isEqualTo(true);
    }

    @Test
    void aStateReadWhileTheChangeIsUncommittedIsNotKeptAfterTheCommit() throws Exception {
        String name = newUser(Role.OPERATOR);
        // Not warmed: the read below is the first, from H2, racing the commit.
        MockHttpSession session = login(name);

        transactions.executeWithoutResult(tx -> {
            accounts.setEnabled(name, false, ADMIN);
            // Another request, before the commit, still reads the committed row, enabled.
            assertThat(readElsewhere(name)).as("read before the commit").isTrue();
        });

        assertThat(states.current(name)).get().extracting(AccountStates.State::enabled).isEqualTo(false);
        assertThat(mvc.get().uri("/migrations").session(session)).hasStatus(302).hasRedirectedUrl("/login?ended");
    }

    private boolean readElsewhere(String name) {
        try {
            return CompletableFuture.supplyAsync(() -> states.current(name).orElseThrow().enabled())
                .get(10, TimeUnit.SECONDS);
        }
        catch (Exception e) {
            throw new AssertionError("The state could not be read from another thread", e);
        }
    }

    /** A session whose account state the check has already read once and keeps. */
    private MockHttpSession warmSession(String name) {
        MockHttpSession session = login(name);
        assertThat(mvc.get().uri("/migrations").session(session)).hasStatusOk();
        assertThat(mvc.get().uri("/migrations").session(session)).hasStatusOk();
        return session;
    }

    private String newUser(Role... roles) {
        String name = "session-" + System.nanoTime();
        accounts.create(name, PASSWORD, EnumSet.copyOf(Set.of(roles)), ADMIN);
        return name;
    }

    private MockHttpSession login(String name) {
        return login(name, PASSWORD);
    }

    private MockHttpSession login(String name, String password) {
        var result = mvc.post()
            .uri("/login")
            .with(csrf())
            .param("username", name)
            .param("password", password)
            .exchange();
        assertThat(result).hasStatus(302).hasRedirectedUrl("/migrations");
        return (MockHttpSession) result.getRequest().getSession(false);
    }

}
