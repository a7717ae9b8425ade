package io.cutover.security;

/** Published when an admin (or start-up configuration) creates, updates or disables a user. */
public record UserChanged(String username, String change, String actor) {}
