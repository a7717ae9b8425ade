package io.cutover.signoff;

import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/** Aggregate root: one approver's signature on one checklist item, and how it ended. */
@Table("SIGN_OFF")
class SignOff {

    @Id
    private Long id;

    private final long migrationId;

    private final String gateId;

    private final String itemId;

    private final String signedBy;

    private final String signerRole;

    private final Instant signedAt;

    private final String comment;

    private Instant revokedAt;

    private String revokedBy;

    private String revokeReason;

    private Instant voidedAt;

    private String voidReason;

    @Version
    private Integer version;

    @MappedCollection(idColumn = "SIGN_OFF_ID")
    private final Set<SignOffEvidence> evidence;

    @PersistenceCreator
    SignOff(Long id, long migrationId, String gateId, String itemId, String signedBy, String signerRole,
            Instant signedAt, String comment, Instant revokedAt, String revokedBy, String revokeReason,
            Instant voidedAt, String voidReason, Integer version, Set<SignOffEvidence> evidence) {
        this.id = id;
        this.migrationId = migrationId;
        this.gateId = gateId;
        this.itemId = itemId;
        this.signedBy = signedBy;
        this.signerRole = signerRole;
        this.signedAt = signedAt;
        this.comment = comment;
        this.revokedAt = revokedAt;
        this.revokedBy = revokedBy;
        this.revokeReason = revokeReason;
        this.voidedAt = voidedAt;
        this.voidReason = voidReason;
        this.version = version;
        this.evidence = new HashSet<>(evidence);
    }

    static SignOff sign(NewSignOff request, Instant now) {
        Set<SignOffEvidence> evidence = request.evidence()
            .entrySet()
            .stream()
            .map(e -> new SignOffEvidence(e.getKey(), e.getValue()))
            .collect(Collectors.toSet());
        return new SignOff(null, request.migrationId(), request.gateId(), request.itemId(), request.signedBy(),
                request.role(), now, request.comment(), null, null, null, null, null, null, evidence);
    }

    boolean isActive() {
        return revokedAt == null && voidedAt == null;
    }

    void revoke(String by, String reason, Instant now) {
        this.revokedAt = now;
        this.revokedBy = by;
        this.revokeReason = reason;
    }

    void voidBecause(String reason, Instant now) {
        this.voidedAt = now;
        this.voidReason = reason;
    }

    /**
     * Whether this sign-off attests {@code stepId} through a completion other than
     * {@code completionId}.
     */
    boolean attestsOtherCompletionOf(String stepId, long completionId) {
        return evidence.stream().anyMatch(e -> e.stepId().equals(stepId) && e.completionId() != completionId);
    }

    Long id() {
        return id;
    }

    SignOffView toView() {
        Map<String, Long> bound = evidence.stream()
            .collect(Collectors.toMap(SignOffEvidence::stepId, SignOffEvidence::completionId));
        return new SignOffView(id, migrationId, gateId, itemId, signedBy, signerRole, signedAt, comment, bound,
                revokedAt, revokedBy, revokeReason, voidedAt, voidReason);
    }

}
