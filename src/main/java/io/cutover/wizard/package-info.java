/**
 * The wizard as people see it: the phase rail and a phase's steps, runs and checklists on
 * one page, and the JSON API mirroring it. Composition only: every rule is asked of the
 * gate, every run of execution.
 */
@ApplicationModule(displayName = "Wizard",
        allowedDependencies = { "audit", "capture", "downtime", "downtime :: events", "execution",
                "execution :: events", "execution :: spi", "freeze", "gate", "logstream", "migration",
                "migration :: events", "runbook", "secrets", "shared", "signoff", "signoff :: events", "sync" })
@NullMarked
package io.cutover.wizard;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
