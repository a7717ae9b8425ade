/**
 * The runbook as data: phases, steps, gates and parameters, loaded from versioned YAML
 * resources and validated at start-up. Knows nothing of MVC, H2 or processes.
 */
@ApplicationModule(displayName = "Runbook", allowedDependencies = {})
@NullMarked
package io.cutover.runbook;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
