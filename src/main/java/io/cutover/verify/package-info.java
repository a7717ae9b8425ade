/**
 * Proof that data arrived: connection tests, preflight checks, exact table inventories,
 * and verification of source against target (row counts, order-independent checksums
 * computed in the database, and a schema comparison). {@link io.cutover.verify.Verifier}
 * is the facade.
 */
@ApplicationModule(displayName = "Verify",
        allowedDependencies = { "execution :: spi", "logstream", "migration", "runbook", "shared" })
@NullMarked
package io.cutover.verify;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
