package io.cutover.security;

/** Published when a signed-in user's role does not allow a request. */
public record AccessDenied(String username, String method, String path) {}
