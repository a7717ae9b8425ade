package io.cutover.signoff;

import java.time.Instant;
import java.util.Map;

/**
 * A sign-off as shown and as the gate rule reads it.
 *
 * @param evidence step id to the completion id this sign-off vouches for
 */
public record SignOffView(long id, long migrationId, String gateId, String itemId, String signedBy, String role,
        Instant signedAt, String comment, Map<String, Long> evidence, Instant revokedAt, String revokedBy,
        String revokeReason, Instant voidedAt, String voidReason) {

    /**
     * Neither revoked nor voided. Whether it still counts also depends on its evidence
     * being current.
     */
    public boolean isActive() {
        return revokedAt == null && voidedAt == null;
    }
}
