package io.cutover.signoff;

import io.cutover.shared.Actor;
import io.cutover.shared.ConflictException;
import io.cutover.shared.InvalidInputException;
import io.cutover.shared.NotFoundException;
import java.time.Clock;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The sign-off module's facade: record, revoke and read sign-offs. */
@Service
@Transactional(readOnly = true)
public class SignOffs {

    static final int MAX_TEXT = 2000;

    private final SignOffRepository repository;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    SignOffs(SignOffRepository repository, ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.events = events;
        this.clock = clock;
    }

    public List<SignOffView> forMigration(long migrationId) {
        return repository.findByMigration(migrationId).stream().map(SignOff::toView).toList();
    }

    /** Stores a sign-off the gate module has already allowed. */
    @Transactional
    public SignOffView record(NewSignOff request) {
        InvalidInputException.requireAtMost("comment", request.comment(), MAX_TEXT);
        SignOff saved = repository.save(SignOff.sign(request, clock.instant()));
        events.publishEvent(new GateItemSigned(request.migrationId(), saved.id(), request.gateId(), request.itemId(),
                request.signedBy(), request.comment()));
        return saved.toView();
    }

    @Transactional
    public SignOffView revoke(long migrationId, long signOffId, Actor actor, String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw new InvalidInputException("Say why the sign-off is revoked",
                    java.util.Map.of("reason", "Say why (1 to " + MAX_TEXT + " characters)"));
        }
        InvalidInputException.requireAtMost("reason", why, MAX_TEXT);
        SignOff signOff = repository.findById(signOffId)
            .filter(s -> s.toView().migrationId() == migrationId)
            .orElseThrow(() -> new NotFoundException("There is no sign-off " + signOffId + " in this migration"));
        if (!signOff.isActive()) {
            throw new ConflictException("This sign-off was already revoked or voided");
        }
        signOff.revoke(actor.username(), why, clock.instant());
        repository.save(signOff);
        SignOffView view = signOff.toView();
        events.publishEvent(new SignOffRevoked(migrationId, signOffId, view.gateId(), view.itemId(), view.signedBy(),
                actor.username(), why));
        return view;
    }

    /**
     * Records sign-offs whose signer later did work they approve as void; ones that ended
     * meanwhile stay as they are.
     */
    @Transactional
    void voidCrossedDuties(long migrationId, List<Long> signOffIds, String stepId, String reason) {
        for (Long id : signOffIds) {
            repository.findById(id)
                .filter(SignOff::isActive)
                .ifPresent(signOff -> voidOne(migrationId, signOff, stepId, reason));
        }
    }

    /**
     * Marks sign-offs whose evidence step was done again as void, so the record says why
     * they no longer count. The gate rule does not wait for this: it already ignores
     * stale evidence.
     */
    @Transactional
    void voidStaleAttestations(long migrationId, String stepId, long newCompletionId, String actor) {
        for (SignOff signOff : repository.findActiveAttesting(migrationId, stepId)) {
            if (signOff.attestsOtherCompletionOf(stepId, newCompletionId)) {
                String reason = "Step '" + stepId + "' was done again by " + actor
                        + "; this sign-off attested the earlier result";
                voidOne(migrationId, signOff, stepId, reason);
            }
        }
    }

    /**
     * Records as void every active sign-off attesting a step whose completions stopped
     * counting.
     */
    @Transactional
    void voidAttestationsOf(long migrationId, String stepId, String reason) {
        for (SignOff signOff : repository.findActiveAttesting(migrationId, stepId)) {
            voidOne(migrationId, signOff, stepId, reason);
        }
    }

    private void voidOne(long migrationId, SignOff signOff, String stepId, String reason) {
        signOff.voidBecause(reason, clock.instant());
        repository.save(signOff);
        SignOffView view = signOff.toView();
        events.publishEvent(new SignOffVoided(migrationId, view.id(), view.gateId(), view.itemId(), view.signedBy(),
                stepId, reason));
    }

}
