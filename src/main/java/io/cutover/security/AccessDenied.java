package io.cutover.security;

import org.springframework.modulith.NamedInterface;

/** Published when a signed-in user's role does not allow a request. */
@NamedInterface("events")
public record AccessDenied(String username, String method, String path) {
}
