package io.cutover.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Re-checks a browser session's account on every request: once an admin disables the
 * account or changes its roles, the session is ended and the request refused before it
 * reaches a controller. (The JSON API authenticates every request anyway, so it always
 * sees the account's current state.) The state comes from {@link AccountStates}, which
 * reads H2 once per account and forgets the account whenever it is saved; no bcrypt.
 */
class AccountStateFilter extends OncePerRequestFilter {

    static final String ENDED_URL = "/login?ended";

    private final AccountStates accounts;

    private final ApplicationEventPublisher events;

    AccountStateFilter(AccountStates accounts, ApplicationEventPublisher events) {
        this.accounts = accounts;
        this.events = events;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || auth instanceof AnonymousAuthenticationToken || !auth.isAuthenticated()
                || stillCurrent(auth)) {
            chain.doFilter(request, response);
            return;
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        events.publishEvent(new SessionEnded(auth.getName(), request.getMethod() + " " + request.getRequestURI()));
        if ("true".equals(request.getHeader("HX-Request"))) {
            // htmx would swap the login page into a fragment; it follows HX-Redirect with
            // a full page load.
            response.setHeader("HX-Redirect", request.getContextPath() + ENDED_URL);
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        }
        else {
            response.sendRedirect(request.getContextPath() + ENDED_URL);
        }
    }

    private boolean stillCurrent(Authentication auth) {
        Set<String> granted = auth.getAuthorities()
            .stream()
            .map(GrantedAuthority::getAuthority)
            .filter(a -> a.startsWith("ROLE_"))
            .collect(Collectors.toSet());
        return accounts.current(auth.getName())
            .filter(AccountStates.State::enabled)
            .map(state -> state.authorities().equals(granted))
            .orElse(false);
    }

}
