package io.cutover.sandbox;

import io.cutover.emulator.EmulatedFly;
import io.cutover.shared.Actor;
import java.util.List;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The emulated Fly dashboard's pooler settings over the JSON API. */
@RestController
@Profile("sandbox")
class FlyDashboardApiController {

    private final FlyDashboard dashboard;

    FlyDashboardApiController(FlyDashboard dashboard) {
        this.dashboard = dashboard;
    }

    record PoolModeRequest(String mode) {
    }

    @GetMapping("/api/sandbox/clusters")
    List<EmulatedFly.ClusterView> clusters() {
        return dashboard.clusters();
    }

    @PostMapping("/api/sandbox/clusters/{clusterId}/pool-mode")
    EmulatedFly.ClusterView updatePoolMode(@PathVariable String clusterId,
            @RequestBody(required = false) PoolModeRequest body, Actor actor) {
        return dashboard.updatePoolMode(clusterId, body == null ? null : body.mode(), actor);
    }

}
