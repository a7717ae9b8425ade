/**
 * Downtime, measured instead of guessed: the window opens when the step that stops writes
 * succeeds and closes at the site's first HTTP 200 after the step that brings the app
 * back. {@link io.cutover.downtime.DowntimeClock} is the facade.
 */
@ApplicationModule(displayName = "Downtime",
        allowedDependencies = { "execution :: events", "freeze :: events", "migration", "runbook" })
@NullMarked
package io.cutover.downtime;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
