package io.cutover.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a login attempt (a form POST to {@code /login}, or a request carrying HTTP
 * Basic credentials) while its user name or address is throttled, before any password is
 * checked.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

    static final String THROTTLED_URL = "/login?throttled";

    /**
     * What a refused attempt gets: the form a redirect to the login page, the API a 429.
     */
    interface Refusal {

        void send(HttpServletRequest request, HttpServletResponse response, Duration retryAfter) throws IOException;

    }

    private final LoginThrottle throttle;

    private final boolean form;

    private final Refusal refusal;

    private LoginThrottleFilter(LoginThrottle throttle, boolean form, Refusal refusal) {
        this.throttle = throttle;
        this.form = form;
        this.refusal = refusal;
    }

    static LoginThrottleFilter forForm(LoginThrottle throttle) {
        return new LoginThrottleFilter(throttle, true,
                (request, response, retryAfter) -> response.sendRedirect(request.getContextPath() + THROTTLED_URL));
    }

    static LoginThrottleFilter forBasic(LoginThrottle throttle, Refusal refusal) {
        return new LoginThrottleFilter(throttle, false, refusal);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Duration> wait = attemptedUsername(request)
            .flatMap(user -> throttle.retryAfter(user, request.getRemoteAddr()));
        if (wait.isPresent()) {
            response.setHeader("Retry-After", Long.toString(seconds(wait.get())));
            refusal.send(request, response, wait.get());
            return;
        }
        chain.doFilter(request, response);
    }

    private Optional<String> attemptedUsername(HttpServletRequest request) {
        if (form) {
            boolean login = "POST".equals(request.getMethod())
                    && (request.getContextPath() + "/login").equals(request.getRequestURI());
            return login ? Optional.of(String.valueOf(request.getParameter("username"))) : Optional.empty();
        }
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return Optional.of(colon < 0 ? decoded : decoded.substring(0, colon));
        }
        catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static String message(Duration retryAfter) {
        return "Too many failed logins for this user or from this address: try again in " + seconds(retryAfter) + " s";
    }

    /** Whole seconds, rounded up, at least one. */
    private static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

}
