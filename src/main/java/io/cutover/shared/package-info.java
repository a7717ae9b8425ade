/**
 * The few types every module speaks: who is acting, and the failures a user can be shown
 * (not found, conflict with the gate, forbidden by a rule, invalid input).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Shared kernel", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.cutover.shared;
