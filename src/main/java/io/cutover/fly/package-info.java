/**
 * The one place that knows how flyctl is invoked: which binary, with which token, and what its
 * failures mean. Every Fly command of a runbook goes through {@link io.cutover.fly.Flyctl}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Fly adapter")
package io.cutover.fly;
