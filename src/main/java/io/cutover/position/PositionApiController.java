package io.cutover.position;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where a migration is, for scripts: the same position every migration page shows at its
 * top.
 */
@RestController
class PositionApiController {

    private final MigrationPositions positions;

    PositionApiController(MigrationPositions positions) {
        this.positions = positions;
    }

    @GetMapping("/api/migrations/{id}/position")
    Position position(@PathVariable long id) {
        return positions.of(id);
    }

}
