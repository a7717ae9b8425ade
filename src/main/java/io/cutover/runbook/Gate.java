package io.cutover.runbook;

import java.util.List;

/**
 * A checklist that approvers sign item by item.
 *
 * @param guards for a {@link GatePosition#STEP} gate, the step it guards
 * @param critical critical gates enforce separation of duties: nobody who performed a
 * step of the phases in {@code performersOf} (or of an evidence step) may sign
 * @param approvals distinct approvers each item needs
 * @param performersOf phases whose performers may not sign a critical gate
 */
public record Gate(String id, String title, GatePosition position, String guards, boolean critical, int approvals,
        List<String> performersOf, List<GateItem> items) {

    public Gate {
        performersOf = performersOf == null ? List.of() : List.copyOf(performersOf);
        items = items == null ? List.of() : List.copyOf(items);
    }
}
