/**
 * What every page and API response shares: the layout's model (sandbox banner, user),
 * error rendering (ProblemDetail JSON for the API, an error page for browsers) and the
 * home page. Holds no business rule.
 */
@ApplicationModule(displayName = "Web", allowedDependencies = { "shared" })
@NullMarked
package io.cutover.web;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
