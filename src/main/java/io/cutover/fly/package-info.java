/**
 * The one place that knows how flyctl is invoked: which binary, with which token, and
 * what its failures mean. Every Fly command of a runbook goes through
 * {@link io.cutover.fly.Flyctl}.
 */
@ApplicationModule(displayName = "Fly adapter", allowedDependencies = { "runbook" })
@NullMarked
package io.cutover.fly;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
