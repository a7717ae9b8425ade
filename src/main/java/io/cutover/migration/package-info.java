/**
 * Migrations: a runbook plus the team's parameter values (secrets sealed), and the record
 * of which steps were done, by whom and when.
 * {@link io.cutover.migration.MigrationManagement} is the facade.
 */
@ApplicationModule(displayName = "Migration", allowedDependencies = { "runbook", "secrets", "shared" })
@NullMarked
package io.cutover.migration;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
