/**
 * Downtime, measured instead of guessed: the window opens when the step that stops writes
 * succeeds and closes at the site's first HTTP 200 after the step that brings the app back.
 * {@link io.cutover.downtime.DowntimeClock} is the facade.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Downtime")
package io.cutover.downtime;
