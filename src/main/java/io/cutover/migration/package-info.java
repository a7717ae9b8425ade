/**
 * Migrations: a runbook plus the team's parameter values (secrets sealed), and the record of which
 * steps were done, by whom and when. {@link io.cutover.migration.MigrationManagement} is the facade.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Migration")
package io.cutover.migration;
