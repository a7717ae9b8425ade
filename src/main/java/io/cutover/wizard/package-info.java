/**
 * The wizard as people see it: the phase rail and a phase's steps, runs and checklists on one
 * page, and the JSON API mirroring it. Composition only: every rule is asked of the gate, every
 * run of execution.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Wizard")
package io.cutover.wizard;
