/**
 * Proof that data arrived: connection tests, preflight checks, exact table inventories, and
 * verification of source against target (row counts, order-independent checksums computed in the
 * database, and a schema comparison). {@link io.cutover.verify.Verifier} is the facade.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Verify")
package io.cutover.verify;
