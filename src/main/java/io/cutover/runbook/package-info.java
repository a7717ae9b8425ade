/**
 * The runbook as data: phases, steps, gates and parameters, loaded from versioned YAML
 * resources and validated at start-up. Knows nothing of MVC, H2 or processes.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Runbook")
package io.cutover.runbook;
