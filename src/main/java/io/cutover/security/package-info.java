/**
 * Users, roles and the two ways in: form login with session and CSRF for browsers, HTTP Basic with
 * no session for the JSON API. Users come from configuration (bcrypt hashes) and from admins.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Security")
package io.cutover.security;
