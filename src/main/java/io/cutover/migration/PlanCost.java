package io.cutover.migration;

import io.cutover.runbook.Plan;
import io.cutover.runbook.Runbook;
import java.util.List;

/** One row of the plan table with its monthly cost for a given volume size. */
record PlanCost(Plan plan, int volumeSizeGb, double storageCost, double monthlyCost, boolean chosen) {

    static List<PlanCost> table(Runbook runbook, int volumeSizeGb, String chosenPlan) {
        double storage = volumeSizeGb * runbook.storagePricePerGb();
        return runbook.plans()
            .stream()
            .map(p -> new PlanCost(p, volumeSizeGb, storage, p.monthlyCost(volumeSizeGb, runbook.storagePricePerGb()),
                    p.id().equalsIgnoreCase(chosenPlan)))
            .toList();
    }
}
