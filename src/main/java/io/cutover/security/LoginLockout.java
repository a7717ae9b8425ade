package io.cutover.security;

import java.time.Instant;

/**
 * A user name or address whose logins are refused until {@code until}, as admins see it.
 *
 * @param kind {@code user} or {@code address}
 */
public record LoginLockout(String kind, String key, int failures, Instant until) {
}
