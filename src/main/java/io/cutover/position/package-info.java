/**
 * Where the migration really is: the app on Flex, stopped, on the cluster, rolled back,
 * final or decommissioned, and what the target holds — derived from the present facts
 * (the latest completions in order, the runs that overwrote the target), never from the
 * mere existence of old completions. Guards read it: a copy onto a target the app uses,
 * the destruction of a Flex app the app points at, a decommission after a rollback and a
 * strategy switch after the cutover began are refused with the position named. Shown at
 * the top of every migration page.
 */
@ApplicationModule(displayName = "Position",
        allowedDependencies = { "execution", "execution :: events", "execution :: spi", "gate", "gate :: spi",
                "migration", "migration :: spi", "runbook", "shared" })
@NullMarked
package io.cutover.position;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
