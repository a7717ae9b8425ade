package io.cutover.capture;

import java.sql.SQLException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class CaptureApiController {

    private final ReverseCaptures captures;

    CaptureApiController(ReverseCaptures captures) {
        this.captures = captures;
    }

    /**
     * Changes the cluster captured since the switch, per table, read from the cluster
     * now.
     */
    @GetMapping("/api/migrations/{id}/capture")
    ReverseCaptures.Captured captured(@PathVariable long id) throws SQLException {
        return captures.captured(id);
    }

}
