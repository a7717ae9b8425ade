package io.cutover.signoff;

import org.springframework.modulith.NamedInterface;

/**
 * Published when a sign-off stops counting: the step it attests was done again, or its
 * signer did work it approves.
 */
@NamedInterface("events")
public record SignOffVoided(long migrationId, long signOffId, String gateId, String itemId, String signedBy,
        String stepId, String reason) {
}
