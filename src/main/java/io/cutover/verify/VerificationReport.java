package io.cutover.verify;

import java.util.List;

/**
 * Source and target side by side: every table's counts and checksums, and every
 * difference found.
 *
 * @param source tables as the inventory lists them (a partitioned table with its
 * partitions' rows)
 * @param sourceParts partitions and materialized views, each counted and hashed on its
 * own
 * @param coverage for a re-check of what changed since an online verification, how much
 * was read again and where the rest was proven ("N of M segments re-checked, ..."); null
 * for a full verification
 */
public record VerificationReport(List<TableStats> source, List<TableStats> target, List<Mismatch> mismatches,
        List<TableStats> sourceParts, List<TableStats> targetParts, String coverage) {

    public VerificationReport {
        sourceParts = sourceParts == null ? List.of() : List.copyOf(sourceParts);
        targetParts = targetParts == null ? List.of() : List.copyOf(targetParts);
    }

    public VerificationReport(List<TableStats> source, List<TableStats> target, List<Mismatch> mismatches,
            List<TableStats> sourceParts, List<TableStats> targetParts) {
        this(source, target, mismatches, sourceParts, targetParts, null);
    }

    public boolean passed() {
        return mismatches.stream().noneMatch(Mismatch::blocking);
    }
}
