package io.cutover.signoff;

import java.util.Map;

/**
 * A sign-off the gate has allowed.
 *
 * @param evidence step id to the id of its latest completion at the moment of signing
 */
public record NewSignOff(long migrationId, String gateId, String itemId, String signedBy, String role, String comment,
        Map<String, Long> evidence) {

    public NewSignOff {
        evidence = Map.copyOf(evidence);
    }
}
