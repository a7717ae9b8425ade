package io.cutover.security;

import org.springframework.modulith.NamedInterface;

/**
 * Published when an admin (or start-up configuration) creates, updates or disables a
 * user.
 */
@NamedInterface("events")
public record UserChanged(String username, String change, String actor) {
}
