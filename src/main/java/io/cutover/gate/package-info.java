/**
 * The gate rule. A step may act only when its phase is open; a phase is open when every
 * phase before it is done (required steps done, exit gates signed) and its own entry gate
 * is signed, or once it has started. A sign-off counts only while its evidence is the
 * latest result of the attested step. {@link io.cutover.gate.ChecklistGate} answers and
 * enforces this for every state-changing action.
 */
@ApplicationModule(displayName = "Gate", allowedDependencies = { "migration", "runbook", "shared", "signoff" })
@NullMarked
package io.cutover.gate;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
