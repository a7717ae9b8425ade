package io.cutover.verify;

import io.cutover.execution.CheckContext;
import io.cutover.execution.CheckOutcome;
import io.cutover.execution.ResultTable;
import io.cutover.migration.ExecutionValues;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The files the verify steps keep, and the outcomes that name them: the exact table
 * inventory (logs/table-inventory.txt) and the verification report (verification/), with
 * the tables both show. The verification step and the copy steps that verify after
 * copying write the report alike.
 */
final class ReportFiles {

    static final String INVENTORY = "table-inventory";

    static final String VERIFICATION = "verification-report";

    private ReportFiles() {
    }

    /** The inventory as the run's outcome, kept as logs/table-inventory.txt. */
    static CheckOutcome inventory(CheckContext ctx, ExecutionValues.Connection source, List<TableStats> tables)
            throws IOException {
        ResultTable table = inventoryTable(tables);
        Path file = ctx.workdir().resolve("logs/table-inventory.txt");
        Files.writeString(file, "Exact table inventory of " + source.url().withoutPassword() + "\n\n" + table.toText());
        long rows = tables.stream().mapToLong(TableStats::rows).sum();
        return new CheckOutcome(true,
                tables.size() + " tables, " + rows + " rows (exact counts), saved as logs/table-inventory.txt",
                table.toJson(), List.of(new CheckOutcome.Produced(INVENTORY, file)));
    }

    static ResultTable inventoryTable(List<TableStats> tables) {
        return new ResultTable(List.of("schema", "table", "rows", "size"), tables.stream()
            .map(t -> List.of(t.table().schema(), t.table().name(), Long.toString(t.rows()), Sizes.human(t.bytes())))
            .toList());
    }

    /**
     * Logs, files and the outcome of a verification; shared with the copy steps that
     * verify after copying.
     */
    static CheckOutcome verification(CheckContext ctx, VerificationReport report) throws IOException {
        StringBuilder diffs = new StringBuilder();
        for (Mismatch m : report.mismatches()) {
            String[] cells = m.cells();
            String line = (m.blocking() ? "DIFFERENT " : "NOTE ") + m.object() + ": " + m.difference()
                    + (m.source().isEmpty() && m.target().isEmpty() ? ""
                            : " (source " + cells[0] + ", target " + cells[1] + ")");
            if (m.blocking()) {
                ctx.log().err(line);
            }
            else {
                ctx.log().out(line);
            }
            if (!m.diff().isEmpty()) {
                diffs.append(m.object()).append(": ").append(m.difference()).append(" (- source, + target)\n");
                m.diff().forEach(l -> {
                    ctx.log().out("    " + l);
                    diffs.append("    ").append(l).append('\n');
                });
            }
        }
        ResultTable table = verificationTable(report);
        Path file = ctx.workdir().resolve("verification/verification-report.txt");
        long rows = report.source().stream().mapToLong(TableStats::rows).sum();
        String summary = report.passed() && report.coverage() != null
                ? "Re-checked what changed since the online verification: identical, with the sequences and the schema. "
                        + report.coverage()
                : report.passed()
                        ? "Verified " + report.source().size() + " tables and " + rows
                                + " rows: counts, checksums and schema are identical"
                        : summary(report.mismatches()) + (report.coverage() == null ? "" : ". " + report.coverage());
        Files.writeString(file,
                summary + "\n\n" + table.toText() + (diffs.isEmpty() ? "" : "\nDefinitions that differ\n\n" + diffs));
        if (report.coverage() == null) {
            // A re-check counts only what it read again: no inventory of the target.
            Files.writeString(ctx.workdir().resolve("verification/new-table-inventory.txt"),
                    inventoryTable(report.target()).toText());
        }
        return new CheckOutcome(report.passed(), summary, table.toJson(),
                List.of(new CheckOutcome.Produced(VERIFICATION, file)));
    }

    /**
     * Counts by kind of difference, most frequent first; the result table and the report
     * file list every one.
     */
    static String summary(List<Mismatch> mismatches) {
        List<Mismatch> blocking = mismatches.stream().filter(Mismatch::blocking).toList();
        Map<String, Long> byKind = blocking.stream()
            .collect(Collectors.groupingBy(Mismatch::difference, java.util.TreeMap::new, Collectors.counting()));
        String kinds = byKind.entrySet()
            .stream()
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
            .map(e -> e.getValue() + " " + e.getKey())
            .collect(Collectors.joining(", "));
        String first = blocking.stream().limit(3).map(Mismatch::object).distinct().collect(Collectors.joining(", "));
        return blocking.size() + (blocking.size() == 1 ? " difference: " : " differences: ") + kinds + " (" + first
                + (blocking.size() > 3 ? ", …" : "") + "); every one is listed in the result table";
    }

    /**
     * Differences first, then every table, partition and materialized view with both
     * sides' numbers.
     */
    static ResultTable verificationTable(VerificationReport report) {
        List<List<String>> rows = new ArrayList<>();
        report.mismatches().forEach(m -> {
            String[] cells = m.cells();
            rows.add(List.of(m.object(), m.difference(), abbreviate(cells[0]), abbreviate(cells[1]),
                    m.blocking() ? "DIFFERENT" : "note"));
        });
        equal(rows, report.source(), report.target(), "rows and checksum");
        equal(rows, report.sourceParts(), report.targetParts(), "rows and checksum");
        return new ResultTable(List.of("object", "check", "source", "target", "result"), rows);
    }

    private static void equal(List<List<String>> rows, List<TableStats> source, List<TableStats> targetStats,
            String check) {
        Map<TableRef, TableStats> target = targetStats.stream()
            .collect(Collectors.toMap(TableStats::table, Function.identity()));
        for (TableStats s : source) {
            TableStats t = target.get(s.table());
            if (t != null && t.rows() == s.rows() && Objects.equals(t.checksum(), s.checksum())) {
                String what = s.checksum() == null ? "rows (of its partitions)" : s.checksum().startsWith("re-checked ")
                        ? s.checksum() + ", changed rows compared by key" : check;
                rows.add(
                        List.of(s.table().toString(), what, Long.toString(s.rows()), Long.toString(t.rows()), "equal"));
            }
        }
    }

    /**
     * Long values (definitions) are already cut to the stretch where they differ; this
     * only bounds the rest.
     */
    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 297) + "…" : s;
    }

}
