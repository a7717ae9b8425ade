package io.cutover.runbook;

import java.util.List;

/**
 * One line of a checklist.
 *
 * @param evidence steps whose latest successful result this item attests; it can be
 * signed only once they are done, and a sign-off stops counting when one of them is done
 * again
 */
public record GateItem(String id, String text, List<String> evidence) {

    public GateItem {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }
}
