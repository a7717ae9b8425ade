package io.cutover.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import io.cutover.MovableClock;
import io.cutover.PanelTest;
import io.cutover.shared.Actor;
import io.cutover.shared.Role;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Ten failed logins a minute per user name and per address; the 11th attempt is refused
 * unchecked.
 */
@PanelTest
class LoginThrottleTest {

    private static final String PASSWORD = "a-long-enough-password";

    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    @TestBean
    Clock clock;

    static Clock clock() {
        return new MovableClock();
    }

    @Autowired
    MockMvcTester mvc;

    @Autowired
    UserAccounts accounts;

    @Test
    void eleventhWrongPasswordOnTheFormIsThrottledAndTheRightOneWorksAfterTheWindow() {
        String name = newUser();
        RequestPostProcessor address = newAddress();
        for (int i = 1; i <= 10; i++) {
            assertThat(form(name, "wrong-" + i, address)).as("failure " + i)
                .hasStatus(302)
                .hasRedirectedUrl("/login?error");
        }

        assertThat(form(name, "wrong-11", address)).hasStatus(302).hasRedirectedUrl("/login?throttled");
        assertThat(form(name, PASSWORD, newAddress())).as("the right password from elsewhere is refused too")
            .hasRedirectedUrl("/login?throttled");
        assertThat(mvc.get().uri("/login?throttled")).bodyText()
            .contains("Too many failed logins for this user or from this address");
        assertThat(mvc.get().uri("/admin/users").with(user("admin").roles("ADMIN"))).hasStatusOk()
            .bodyText()
            .contains("<span>user</span> <code>" + name + "</code>");
        await().atMost(Duration.ofSeconds(5))
            .untilAsserted(() -> assertThat(PanelAuditPage.text(mvc, "action", "login.throttled")).containsPattern(
                    "login\\.throttled Logins refused for user '" + name + "' until \\S+ after 10 failures"));

        ((MovableClock) clock).advance(Duration.ofSeconds(61));

        assertThat(form(name, PASSWORD, address)).hasStatus(302).hasRedirectedUrl("/migrations");
    }

    @Test
    void eleventhWrongPasswordOverHttpBasicGets429WithRetryAfter() {
        String name = newUser();
        RequestPostProcessor address = newAddress();
        for (int i = 1; i <= 10; i++) {
            assertThat(basic(name, "wrong-" + i, address)).as("failure " + i).hasStatus(401);
        }

        MvcTestResult throttled = basic(name, PASSWORD, address);
        assertThat(throttled).hasStatus(429)
            .hasHeader("Retry-After", "60")
            .bodyJson()
            .extractingPath("$.detail")
            .asString()
            .isEqualTo("Too many failed logins for this user or from this address: try again in 60 s");

        ((MovableClock) clock).advance(Duration.ofSeconds(61));

        assertThat(basic(name, PASSWORD, address)).hasStatusOk();
    }

    @Test
    void oneAddressGuessingManyUserNamesIsThrottledAsAWhole() {
        RequestPostProcessor address = newAddress();
        for (int i = 1; i <= 10; i++) {
            assertThat(basic("nobody-" + i, "guess", address)).hasStatus(401);
        }
        String name = newUser();

        assertThat(basic(name, PASSWORD, address)).as("even a real user from that address").hasStatus(429);
        assertThat(basic(name, PASSWORD, newAddress())).as("the same user from another address").hasStatusOk();
        assertThat(mvc.get().uri("/admin/users").with(user("admin").roles("ADMIN"))).bodyText()
            .contains("<code>" + addressOf(address) + "</code>");
    }

    private MvcTestResult form(String name, String password, RequestPostProcessor address) {
        return mvc.post()
            .uri("/login")
            .with(csrf())
            .with(address)
            .param("username", name)
            .param("password", password)
            .exchange();
    }

    private MvcTestResult basic(String name, String password, RequestPostProcessor address) {
        return mvc.get().uri("/api/migrations").with(httpBasic(name, password)).with(address).exchange();
    }

    private String newUser() {
        String name = "throttle-" + System.nanoTime();
        accounts.create(name, PASSWORD, EnumSet.of(Role.OPERATOR), new Actor("admin", Set.of("ADMIN")));
        return name;
    }

    /**
     * Each test from its own address, so that the shared context's other tests are never
     * throttled.
     */
    private static RequestPostProcessor newAddress() {
        String ip = "10.77." + ADDRESSES.incrementAndGet() + ".1";
        return request -> {
            request.setRemoteAddr(ip);
            return request;
        };
    }

    private String addressOf(RequestPostProcessor address) {
        return address.postProcessRequest(new org.springframework.mock.web.MockHttpServletRequest()).getRemoteAddr();
    }

}
