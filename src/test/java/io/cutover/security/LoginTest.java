package io.cutover.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import io.cutover.PanelTest;
import io.cutover.TestUsers;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@PanelTest
class LoginTest {

    @Autowired
    MockMvcTester mvc;

    @Test
    void configuredUserLogsInWithTheFormAndLandsOnTheMigrations() {
        assertThat(mvc.post()
            .uri("/login")
            .with(csrf())
            .param("username", "operator")
            .param("password", TestUsers.PASSWORD)).hasStatus3xxRedirection().hasRedirectedUrl("/migrations");
    }

    @Test
    void failedLoginIsRefusedAndRecordedInThePanelAudit() {
        assertThat(mvc.post().uri("/login").with(csrf()).param("username", "approver").param("password", "guess"))
            .hasStatus3xxRedirection()
            .hasRedirectedUrl("/login?error");

        await().atMost(Duration.ofSeconds(5))
            .untilAsserted(() -> assertThat(PanelAuditPage.text(mvc, "actor", "approver", "action", "login.failed"))
                .contains("approver login.failed"));
    }

    @Test
    void loginPageSaysWhenCredentialsWereWrong() {
        assertThat(mvc.get().uri("/login?error")).hasStatusOk().bodyText().contains("Wrong user name or password");
    }

}
