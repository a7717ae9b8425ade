package io.cutover.security;

import io.cutover.shared.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two filter chains. The JSON API under {@code /api} authenticates every request with
 * HTTP Basic and keeps no session, so there is no cookie a cross-site request could ride
 * on and CSRF tokens do not apply. The browser uses form login with a session, and every
 * form carries a CSRF token.
 */
@Configuration
class SecurityConfig {

    private static final String API = "/api";

    /**
     * Scripts, styles and connections from the panel itself only (htmx, Bootstrap and the
     * panel's scripts are served from it; no inline script, style or handler exists).
     * Bootstrap's CSS draws its icons from data: images.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /**
     * No observations of the filter chain, of logins or of access decisions: the panel
     * exports no metrics or traces (only health is exposed), and wrapping each of the
     * chain's filters in one was a fifth of the CPU of opening an SSE stream on a cold
     * panel (200 viewers connecting at once, async-profiler).
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, JsonMapper json, ApplicationEventPublisher events,
            LoginThrottle throttle) throws Exception {
        http.securityMatcher(API + "/**")
            .headers(SecurityConfig::headers)
            .authorizeHttpRequests(auth -> rules(auth, API))
            .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) -> writeJson(json, response, 401,
                    "Authentication required: send HTTP Basic credentials")))
            .addFilterBefore(LoginThrottleFilter.forBasic(throttle,
                    (request, response, retryAfter) -> writeJson(json, response, 429,
                            LoginThrottleFilter.message(retryAfter))),
                    BasicAuthenticationFilter.class)
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .csrf(csrf -> csrf.disable())
            .exceptionHandling(ex -> ex.accessDeniedHandler((request, response, e) -> {
                events.publishEvent(denied(request));
                writeJson(json, response, 403,
                        "Your role does not allow " + request.getMethod() + " " + request.getRequestURI());
            }));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain browserChain(HttpSecurity http, ApplicationEventPublisher events, AccountStates accounts,
            LoginThrottle throttle) throws Exception {
        AccessDeniedHandler page = new AccessDeniedHandlerImpl();
        http.headers(SecurityConfig::headers).authorizeHttpRequests(auth -> {
            auth.requestMatchers("/login", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/favicon.svg", "/error",
                    "/actuator/health/**")
                .permitAll();
            rules(auth, "");
        })
            .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/migrations", false).permitAll())
            .logout(logout -> logout.logoutSuccessUrl("/login?logout").permitAll())
            .addFilterBefore(new AccountStateFilter(accounts, events), AuthorizationFilter.class)
            .addFilterBefore(LoginThrottleFilter.forForm(throttle), UsernamePasswordAuthenticationFilter.class)
            .exceptionHandling(ex -> ex.accessDeniedHandler((request, response, e) -> {
                events.publishEvent(denied(request));
                page.handle(request, response, e);
            }));
        return http.build();
    }

    /**
     * Migration ids and step names in URLs stay on the panel: other sites get no Referer.
     */
    private static void headers(HeadersConfigurer<HttpSecurity> headers) {
        headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
            .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN));
    }

    /** The role table, then reading for every role, then nothing else. */
    private static void rules(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry auth,
            String prefix) {
        for (EndpointRoles.Rule rule : EndpointRoles.RULES) {
            auth.requestMatchers(rule.method(), prefix + rule.path()).hasRole(rule.role().name());
        }
        auth.requestMatchers(HttpMethod.GET, prefix + "/**").hasRole(Role.VIEWER.name());
        auth.anyRequest().denyAll();
    }

    /** Every role reads; operating, approving and administering are separate duties. */
    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
            .role(Role.ADMIN.name())
            .implies(Role.VIEWER.name())
            .role(Role.OPERATOR.name())
            .implies(Role.VIEWER.name())
            .role(Role.APPROVER.name())
            .implies(Role.VIEWER.name())
            .build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    /** Publishes login failures so the audit trail records them. */
    @Bean
    AuthenticationEventPublisher authenticationEventPublisher(ApplicationEventPublisher events) {
        return new DefaultAuthenticationEventPublisher(events);
    }

    private static AccessDenied denied(HttpServletRequest request) {
        String user = request.getUserPrincipal() == null ? "anonymous" : request.getUserPrincipal().getName();
        return new AccessDenied(user, request.getMethod(), request.getRequestURI());
    }

    private static void writeJson(JsonMapper json, HttpServletResponse response, int status, String message)
            throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), Map.of("status", status, "title", switch (status) {
            case 401 -> "Unauthorized";
            case 429 -> "Too Many Requests";
            default -> "Forbidden";
        }, "detail", message));
    }

}
