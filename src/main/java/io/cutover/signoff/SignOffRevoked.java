package io.cutover.signoff;

import org.springframework.modulith.NamedInterface;

/** Published when an approver withdraws a sign-off. */
@NamedInterface("events")
public record SignOffRevoked(long migrationId, long signOffId, String gateId, String itemId, String signedBy,
        String actor, String reason) {
}
