/**
 * Continuous sync: the initial copy taken at a replication slot's exported snapshot, then
 * every change streamed from the source to the target until cutover — by the target's own
 * subscription when its role may create one, else applied by the panel from the pgoutput
 * stream in commit order, with the applied position kept on the target so that a restart
 * neither loses nor repeats a change. Live lag, WAL retention against the source volume,
 * drain, sequences and clean-up. {@link io.cutover.sync.SyncStreams} is the facade.
 */
@ApplicationModule(displayName = "Continuous sync",
        allowedDependencies = { "copy", "execution", "execution :: events", "execution :: spi", "logstream",
                "migration", "migration :: spi", "runbook", "shared", "verify" })
@NullMarked
package io.cutover.sync;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
