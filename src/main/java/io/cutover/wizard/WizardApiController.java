package io.cutover.wizard;

import io.cutover.execution.RunLauncher;
import io.cutover.gate.ChecklistGate;
import io.cutover.gate.ItemProgress;
import io.cutover.migration.Completion;
import io.cutover.migration.MigrationManagement;
import io.cutover.shared.Actor;
import io.cutover.shared.ConflictException;
import io.cutover.signoff.SignOffView;
import io.cutover.execution.StepNotices;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** JSON API for a migration's phases, steps and checklists, and the actions on them. */
@RestController
@RequestMapping("/api/migrations/{id}")
class WizardApiController {

    private final ChecklistGate gate;

    private final MigrationManagement migrations;

    private final RunLauncher runs;

    private final ObjectProvider<StepNotices> notices;

    WizardApiController(ChecklistGate gate, MigrationManagement migrations, RunLauncher runs,
            ObjectProvider<StepNotices> notices) {
        this.gate = gate;
        this.migrations = migrations;
        this.runs = runs;
        this.notices = notices;
    }

    @GetMapping
    MigrationJson get(@PathVariable long id) {
        var details = migrations.details(id);
        return MigrationJson.of(details, gate.progress(id), runs.latestByStep(id),
                StepNoticeBoard.forRunbook(notices, details.runbookId()));
    }

    @PostMapping("/steps/{stepId}/complete")
    Completion complete(@PathVariable long id, @PathVariable String stepId,
            @RequestBody(required = false) NoteRequest body, Actor actor) {
        return gate.completeManualStep(id, stepId, actor, body == null ? null : body.note());
    }

    @PostMapping("/gate-items/{itemId}/sign-off")
    SignOffView signOff(@PathVariable long id, @PathVariable String itemId,
            @RequestBody(required = false) SignRequest body, Actor actor) {
        return gate.signOff(id, itemId, actor, body == null ? null : body.comment());
    }

    /**
     * Revokes the named sign-off, or without one the caller's own sign-off on the item.
     */
    @PostMapping("/gate-items/{itemId}/revoke")
    SignOffView revoke(@PathVariable long id, @PathVariable String itemId, @RequestBody RevokeRequest body,
            Actor actor) {
        long signOffId = body.signOffId() != null ? body.signOffId() : ownSignOff(id, itemId, actor);
        return gate.revoke(id, signOffId, actor, body.reason());
    }

    private long ownSignOff(long id, String itemId, Actor actor) {
        List<SignOffView> own = gate.progress(id)
            .item(itemId)
            .map(ItemProgress::history)
            .orElse(List.of())
            .stream()
            .filter(s -> s.isActive() && s.signedBy().equals(actor.username()))
            .toList();
        if (own.isEmpty()) {
            throw new ConflictException(
                    "You have no active sign-off on '" + itemId + "'; name the one to revoke with signOffId");
        }
        return own.get(own.size() - 1).id();
    }

    record NoteRequest(String note) {
    }

    record SignRequest(String comment) {
    }

    record RevokeRequest(Long signOffId, String reason) {
    }

}
