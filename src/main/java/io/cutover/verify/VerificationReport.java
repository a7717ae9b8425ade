package io.cutover.verify;

import java.util.List;

/** Source and target side by side: every table's counts and checksums, and every difference found. */
public record VerificationReport(List<TableStats> source, List<TableStats> target, List<Mismatch> mismatches) {

    public boolean passed() {
        return mismatches.stream().noneMatch(Mismatch::blocking);
    }
}
