package io.cutover.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Counts failed logins per user name and per address over a sliding window, for the login
 * form and HTTP Basic alike. Once either has {@code maxFailures} failures in the window,
 * further attempts are refused before the password is checked (so a flood costs no bcrypt
 * either) until the oldest failure leaves the window. A right password clears its user
 * name's count, not its address's. Legitimate logins pay one map lookup.
 */
@Component
class LoginThrottle {

    enum Kind {

        USER, ADDRESS

    }

    private final LoginThrottleProperties properties;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    LoginThrottle(LoginThrottleProperties properties, ApplicationEventPublisher events, Clock clock) {
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    /**
     * How long until {@code username} from {@code address} may try again, or empty when
     * it may now.
     */
    Optional<Duration> retryAfter(String username, String address) {
        Instant now = clock.instant();
        return lockedUntil(key(Kind.USER, normalized(username)), now)
            .or(() -> lockedUntil(key(Kind.ADDRESS, address), now))
            .map(until -> Duration.between(now, until));
    }

    List<LoginLockout> lockouts() {
        Instant now = clock.instant();
        return failures.entrySet()
            .stream()
            .flatMap(e -> lockedUntil(e.getKey(), now).stream().map(until -> lockout(e.getKey(), e.getValue(), until)))
            .sorted(Comparator.comparing(LoginLockout::until))
            .toList();
    }

    @EventListener
    void on(AbstractAuthenticationFailureEvent event) {
        String address = event.getAuthentication().getDetails() instanceof WebAuthenticationDetails web
                ? web.getRemoteAddress() : null;
        fail(key(Kind.USER, normalized(event.getAuthentication().getName())));
        if (address != null) {
            fail(key(Kind.ADDRESS, address));
        }
    }

    @EventListener
    void on(AuthenticationSuccessEvent event) {
        failures.remove(key(Kind.USER, normalized(event.getAuthentication().getName())));
    }

    private void fail(String key) {
        Instant now = clock.instant();
        if (failures.size() >= properties.trackedKeys() && !failures.containsKey(key)) {
            failures.entrySet().removeIf(e -> lockedUntil(e.getKey(), now).isEmpty());
        }
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(now);
            times.removeIf(t -> !t.plus(properties.window()).isAfter(now));
            while (times.size() > properties.maxFailures()) {
                times.removeFirst();
            }
            if (times.size() == properties.maxFailures()) {
                LoginLockout lockout = lockout(key, times, times.peekFirst().plus(properties.window()));
                events.publishEvent(
                        new LoginThrottled(lockout.kind(), lockout.key(), lockout.failures(), lockout.until()));
            }
        }
    }

    private Optional<Instant> lockedUntil(String key, Instant now) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return Optional.empty();
        }
        synchronized (times) {
            if (times.size() < properties.maxFailures()) {
                return Optional.empty();
            }
            Instant until = times.peekFirst().plus(properties.window());
            return until.isAfter(now) ? Optional.of(until) : Optional.empty();
        }
    }

    private static LoginLockout lockout(String key, Deque<Instant> times, Instant until) {
        int colon = key.indexOf(':');
        return new LoginLockout(key.substring(0, colon).toLowerCase(), key.substring(colon + 1), times.size(), until);
    }

    private static String key(Kind kind, String value) {
        return kind + ":" + value;
    }

    private static String normalized(String username) {
        String name = username == null ? "" : username.strip().toLowerCase();
        return name.length() > 100 ? name.substring(0, 100) : name;
    }

}
