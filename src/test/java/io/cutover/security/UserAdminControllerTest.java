package io.cutover.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import io.cutover.shared.InvalidInputException;
import io.cutover.shared.Role;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@WebMvcTest(UserAdminController.class)
class UserAdminControllerTest {

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    UserAccounts accounts;

    @MockitoBean
    LoginThrottle throttle;

    @Test
    void listsUsersWithoutTheirPasswordHashes() {
        given(accounts.list())
            .willReturn(List.of(new UserView("alice", Set.of(Role.APPROVER), true, "ADMIN", Instant.now())));

        assertThat(mvc.get().uri("/admin/users").with(user("admin").roles("ADMIN"))).hasStatusOk()
            .bodyText()
            .contains("alice")
            .contains("approver")
            .doesNotContain("$2a$");
    }

    @Test
    void weakPasswordIsRefusedWith400AndTheReason() {
        given(accounts.create(anyString(), anyString(), any(), any())).willThrow(
                new InvalidInputException("The user cannot be created", Map.of("password", "At least 12 characters")));

        assertThat(mvc.post()
            .uri("/admin/users")
            .with(user("admin").roles("ADMIN"))
            .with(csrf())
            .param("username", "bob")
            .param("password", "short")
            .param("roles", "OPERATOR")).hasStatus(400)
            .bodyText()
            .contains("At least 12 characters")
            .contains("value=\"bob\"");
    }

    @Test
    void createdUserRedirectsToTheListWithAMessage() {
        assertThat(mvc.post()
            .uri("/admin/users")
            .with(user("admin").roles("ADMIN"))
            .with(csrf())
            .param("username", "Bob")
            .param("password", "a-long-enough-password")
            .param("roles", "OPERATOR")).hasStatus3xxRedirection()
            .hasRedirectedUrl("/admin/users")
            .flash()
            .containsEntry("message", "User 'bob' created.");
    }

}
