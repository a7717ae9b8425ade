package io.cutover.security;

import java.time.Instant;
import org.springframework.modulith.NamedInterface;

/**
 * Published when a user name or an address reaches the failed-login limit and is refused
 * until {@code until}.
 *
 * @param kind {@code user} or {@code address}
 */
@NamedInterface("events")
public record LoginThrottled(String kind, String key, int failures, Instant until) {
}
