package io.cutover.signoff;

import java.util.List;

/**
 * Published by the gate when approvers start work that their own sign-offs approve
 * (separation of duties broken after signing). The gate already ignores these sign-offs;
 * this module records them as void with the reason.
 */
public record DutiesCrossed(long migrationId, List<Long> signOffIds, String stepId, String reason) {

    public DutiesCrossed {
        signOffIds = List.copyOf(signOffIds);
    }
}
