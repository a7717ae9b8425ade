package io.cutover.security;

import org.springframework.modulith.NamedInterface;

/**
 * Published when a browser session is ended because its account was disabled or its roles
 * changed.
 */
@NamedInterface("events")
public record SessionEnded(String username, String path) {
}
