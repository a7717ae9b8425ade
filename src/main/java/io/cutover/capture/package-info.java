/**
 * Reverse capture: from the switch on, every change the app makes on the cluster is kept
 * on the cluster itself, so that a rollback carries it back to Flex instead of dropping
 * it. MPG's {@code fly-user} is neither superuser nor replication role, so logical
 * decoding out of MPG may be refused; what it always may do is create triggers on the
 * tables it owns. Each table gets a row trigger (insert, update, delete, with the old and
 * new row as JSON) and a TRUNCATE trigger that write to {@code cutover_capture.change};
 * its id is taken when the change happens, so replaying in id order applies every change
 * after the ones it depended on (a row's later change waits for the earlier one's commit,
 * a child row is only visible after its parent's). The same trigger refuses every write
 * once the rollback freezes the cluster. The rollback replays the changes onto Flex in
 * one transaction, with Flex's own triggers off (their effects were captured too), moves
 * Flex's sequences up to the cluster's, removes the capture and verifies Flex against the
 * cluster (counts, checksums, schema, sequences).
 */
@ApplicationModule(displayName = "Reverse capture",
        allowedDependencies = { "execution :: spi", "logstream", "migration", "runbook", "verify", "shared" })
@NullMarked
package io.cutover.capture;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
