/**
 * What every page and API response shares: the layout's model (sandbox banner, user), error
 * rendering (ProblemDetail JSON for the API, an error page for browsers) and the home page.
 * Holds no business rule.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web")
package io.cutover.web;
