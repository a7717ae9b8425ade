/**
 * Runs of steps: launch under the gate, child processes (argv only, no shell; secrets by
 * environment, stdin or a 0600 passfile), SQL against source or target, built-in checks,
 * timeouts, cancel of the whole process tree, and recovery after a restart. Only this
 * module starts processes. {@link io.cutover.execution.RunLauncher} is the facade.
 */
@ApplicationModule(displayName = "Execution",
        allowedDependencies = { "fly", "gate", "gate :: events", "gate :: spi", "logstream", "migration", "runbook",
                "secrets", "shared" })
@NullMarked
package io.cutover.execution;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
