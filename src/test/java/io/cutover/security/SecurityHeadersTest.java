package io.cutover.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.PanelTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The headers and the session cookie as the real server (Tomcat) sends them. */
@PanelTest
class SecurityHeadersTest {

    @LocalServerPort
    int port;

    @Test
    void pagesCarryTheContentSecurityPolicyAndReferrerPolicy() throws Exception {
        HttpResponse<String> login = get("/login", false);

        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().firstValue("Content-Security-Policy"))
            .hasValue(SecurityConfig.CONTENT_SECURITY_POLICY);
        assertThat(login.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(get("/api/migrations", false).headers().firstValue("Referrer-Policy")).as("the API too")
            .hasValue("same-origin");
    }

    @Test
    void sessionCookieIsHttpOnlyAndSameSiteLaxAndSecureOnlyBehindHttps() throws Exception {
        String plain = get("/login", false).headers().firstValue("Set-Cookie").orElseThrow();
        String proxied = get("/login", true).headers().firstValue("Set-Cookie").orElseThrow();

        assertThat(plain).startsWith("JSESSIONID=")
            .contains("; HttpOnly")
            .contains("; SameSite=Lax")
            .doesNotContain("Secure");
        assertThat(proxied).startsWith("JSESSIONID=")
            .contains("; Secure")
            .contains("; HttpOnly")
            .contains("; SameSite=Lax");
    }

    /**
     * @param viaHttpsProxy as Fly's proxy forwards a request it received over TLS (from a
     * private address)
     */
    private HttpResponse<String> get(String path, boolean viaHttpsProxy) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (viaHttpsProxy) {
            request.header("X-Forwarded-Proto", "https").header("X-Forwarded-For", "203.0.113.9");
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

}
