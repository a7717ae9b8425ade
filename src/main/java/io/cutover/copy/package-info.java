/**
 * Moving the data: backups proven readable, a parallel restore with progress, a restore-test into
 * a scratch database, and the final sync during downtime with the fastest engine available
 * (pgcopydb, else uncompressed parallel pg_dump/pg_restore). Always followed by verification.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Copy")
package io.cutover.copy;
