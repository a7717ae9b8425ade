package io.cutover.sandbox;

import io.cutover.emulator.EmulatedFly;
import io.cutover.shared.Actor;
import io.cutover.shared.ConflictException;
import io.cutover.shared.ForbiddenException;
import io.cutover.shared.InvalidInputException;
import io.cutover.shared.NotFoundException;
import io.cutover.shared.Role;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Service;

/**
 * The part of Fly's web dashboard the runbook needs and flyctl lacks: a cluster's pooler
 * settings. "Update Pool Mode" restarts the emulated cluster's pooler in the chosen mode,
 * as the dashboard restarts MPG's pooler nodes; transaction mode needs PgBouncer on this
 * host.
 */
@Service
@Profile("sandbox")
record FlyDashboard(SandboxSetup sandbox, SandboxPostgres postgres, SandboxTools tools) {

    private static final Logger log = LoggerFactory.getLogger(FlyDashboard.class);

    List<EmulatedFly.ClusterView> clusters() {
        return EmulatedFly.clusters(sandbox.flyHome());
    }

    boolean transactionModeAvailable() {
        return tools.pgbouncer().isPresent();
    }

    /** Switches the cluster's pool mode; an operator's action, like running a step. */
    EmulatedFly.ClusterView updatePoolMode(String clusterId, String mode, Actor actor) {
        if (!actor.hasRole(Role.OPERATOR)) {
            throw new ForbiddenException("Changing a cluster's pool mode needs the OPERATOR role");
        }
        if (mode == null || !EmulatedFly.POOL_MODES.contains(mode)) {
            String allowed = "must be one of " + String.join(", ", EmulatedFly.POOL_MODES);
            throw new InvalidInputException("mode: " + allowed, java.util.Map.of("mode", allowed));
        }
        cluster(clusterId);
        if (mode.equals("transaction") && !transactionModeAvailable()) {
            throw new ConflictException(EmulatedFly.NEEDS_PGBOUNCER);
        }
        EmulatedFly.switchPoolMode(sandbox.flyHome(), postgres.admin().withoutPassword(), clusterId, mode,
                tools.pgbouncer());
        log.info("Sandbox dashboard: {} switched cluster {} to {} pool mode", actor.username(), clusterId, mode);
        return cluster(clusterId);
    }

    private EmulatedFly.ClusterView cluster(String clusterId) {
        return clusters().stream()
            .filter(c -> c.id().equals(clusterId))
            .findFirst()
            .orElseThrow(() -> new NotFoundException("There is no cluster '" + clusterId + "'"));
    }

}
