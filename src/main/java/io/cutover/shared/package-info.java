/**
 * The few types every module speaks: who is acting, and the failures a user can be shown
 * (not found, conflict with the gate, forbidden by a rule, invalid input).
 */
@ApplicationModule(displayName = "Shared kernel", type = ApplicationModule.Type.OPEN, allowedDependencies = {})
@NullMarked
package io.cutover.shared;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
