package io.cutover.runbook;

/**
 * One row of the managed Postgres price list, used to show a migration's monthly cost.
 */
public record Plan(String id, String name, String cpu, String memory, double monthlyUsd, String note) {

    public double monthlyCost(int storageGb, double storagePricePerGb) {
        return monthlyUsd + storageGb * storagePricePerGb;
    }
}
