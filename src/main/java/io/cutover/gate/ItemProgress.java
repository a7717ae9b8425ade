package io.cutover.gate;

import io.cutover.runbook.GateItem;
import io.cutover.signoff.SignOffView;
import java.util.List;

/**
 * One checklist item.
 *
 * @param counting sign-offs that count now (active, evidence current)
 * @param history every sign-off ever made on the item, including revoked and voided ones
 * @param missingEvidence titles of evidence steps not done yet
 */
public record ItemProgress(GateItem item, List<SignOffView> counting, List<SignOffView> history, int approvalsNeeded,
        List<String> missingEvidence) {

    public boolean satisfied() {
        return counting.stream().map(SignOffView::signedBy).distinct().count() >= approvalsNeeded;
    }

    public boolean signedBy(String username) {
        return counting.stream().anyMatch(s -> s.signedBy().equals(username));
    }
}
