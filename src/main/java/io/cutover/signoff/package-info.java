/**
 * Sign-offs on checklist items: who signed, as which role, when, with what comment, bound
 * to the completion of each evidence step. Revocations and automatic voids are kept,
 * never deleted. The rules for when someone may sign live in the gate module; this one
 * keeps the record.
 */
@ApplicationModule(displayName = "Sign-off", allowedDependencies = { "migration :: events", "shared" })
@NullMarked
package io.cutover.signoff;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
