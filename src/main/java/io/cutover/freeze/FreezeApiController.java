package io.cutover.freeze;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class FreezeApiController {

    private final SourceFreezes freezes;

    FreezeApiController(SourceFreezes freezes) {
        this.freezes = freezes;
    }

    /**
     * The migration's freeze of the source: state, position, blocked roles, ended
     * sessions, proof; 204 when never frozen.
     */
    @GetMapping("/api/migrations/{id}/freeze")
    ResponseEntity<SourceFreezes.FreezeSummary> freeze(@PathVariable long id) {
        return freezes.summary(id).map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.noContent().build());
    }

}
