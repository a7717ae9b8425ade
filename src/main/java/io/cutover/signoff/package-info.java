/**
 * Sign-offs on checklist items: who signed, as which role, when, with what comment, bound to the
 * completion of each evidence step. Revocations and automatic voids are kept, never deleted.
 * The rules for when someone may sign live in the gate module; this one keeps the record.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Sign-off")
package io.cutover.signoff;
