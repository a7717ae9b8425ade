package io.cutover.migration;

import io.cutover.shared.Actor;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** JSON API for listing, creating and configuring migrations. */
@RestController
@RequestMapping("/api/migrations")
class MigrationApiController {

    private final MigrationManagement migrations;

    MigrationApiController(MigrationManagement migrations) {
        this.migrations = migrations;
    }

    @GetMapping
    List<MigrationSummary> list() {
        return migrations.list();
    }

    @PostMapping
    ResponseEntity<MigrationDetails> create(@RequestBody CreateMigration command, Actor actor) {
        MigrationDetails created = migrations.create(command, actor);
        return ResponseEntity.created(URI.create("/api/migrations/" + created.id())).body(created);
    }

    @GetMapping("/{id}/parameters")
    MigrationDetails parameters(@PathVariable long id) {
        return migrations.details(id);
    }

    @PostMapping("/{id}/parameters")
    MigrationDetails updateParameters(@PathVariable long id, @RequestBody Map<String, String> values, Actor actor) {
        return migrations.updateParameters(id, values, actor);
    }

}
