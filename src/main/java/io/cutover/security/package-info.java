/**
 * Users, roles and the two ways in: form login with session and CSRF for browsers, HTTP
 * Basic with no session for the JSON API. Users come from configuration (bcrypt hashes)
 * and from admins.
 */
@ApplicationModule(displayName = "Security", allowedDependencies = { "shared" })
@NullMarked
package io.cutover.security;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
