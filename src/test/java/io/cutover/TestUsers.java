package io.cutover;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The users of application-test.yaml. */
public final class TestUsers {

    public static final String PASSWORD = "test-password";

    private TestUsers() {
    }

    /** HTTP Basic as the named test user, as a JSON API client would authenticate. */
    public static RequestPostProcessor as(String username) {
        return httpBasic(username, PASSWORD);
    }

}
