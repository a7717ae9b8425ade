package io.cutover.gate;

import io.cutover.runbook.Gate;
import java.util.List;

/**
 * A checklist and its items.
 *
 * @param closedReason why it cannot be signed now, or null when it can
 */
public record GateProgress(Gate gate, List<ItemProgress> items, String closedReason) {

    public boolean signed() {
        return items.stream().allMatch(ItemProgress::satisfied);
    }

    public boolean signable() {
        return closedReason == null;
    }
}
