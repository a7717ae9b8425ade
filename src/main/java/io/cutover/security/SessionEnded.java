package io.cutover.security;

/** Published when a browser session is ended because its account was disabled or its roles changed. */
public record SessionEnded(String username, String path) {}
