/**
 * Moving the data: backups proven readable, a parallel restore with progress, a
 * restore-test into a scratch database, and the final sync during downtime with the
 * fastest engine available (pgcopydb, else uncompressed parallel pg_dump/pg_restore).
 * Always followed by verification.
 */
@ApplicationModule(displayName = "Copy",
        allowedDependencies = { "execution", "execution :: spi", "logstream", "migration", "runbook", "shared",
                "verify" })
@NullMarked
package io.cutover.copy;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
