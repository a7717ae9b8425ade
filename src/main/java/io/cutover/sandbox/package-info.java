/**
 * Profile-only wiring for the rehearsal: a ready-made migration on embedded defaults. Product code
 * never imports this package.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Sandbox")
package io.cutover.sandbox;
