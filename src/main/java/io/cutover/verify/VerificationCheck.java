package io.cutover.verify;

import io.cutover.execution.CheckContext;
import io.cutover.execution.CheckOutcome;
import io.cutover.execution.ResultTable;
import io.cutover.execution.StepCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Source and target side by side: exact row count and content checksum of every table, and the
 * schema compared object by object. Every difference is named; the report is kept in
 * verification/. The step fails on any difference that could mean lost or changed data.
 */
@Component
class VerificationCheck implements StepCheck {

    static final String ARTIFACT = "verification-report";

    private final Verifier verifier;

    VerificationCheck(Verifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public String name() {
        return "verification";
    }

    @Override
    public CheckOutcome run(CheckContext ctx) throws Exception {
        return verifier.verifyAndReport(ctx);
    }

    /** Logs, files and the outcome of a verification; shared with the copy steps that verify after copying. */
    static CheckOutcome report(CheckContext ctx, VerificationReport report) throws java.io.IOException {
        for (Mismatch m : report.mismatches()) {
            String line = (m.blocking() ? "DIFFERENT " : "NOTE ") + m.object() + ": " + m.difference() + " (source " + m.source() + ", target " + m.target() + ")";
            if (m.blocking()) {
                ctx.log().err(line);
            } else {
                ctx.log().out(line);
            }
        }
        ResultTable table = table(report);
        Path file = ctx.workdir().resolve("verification/verification-report.txt");
        long rows = report.source().stream().mapToLong(TableStats::rows).sum();
        String summary = report.passed()
                ? "Verified " + report.source().size() + " tables and " + rows + " rows: counts, checksums and schema are identical"
                : report.mismatches().stream().filter(Mismatch::blocking).count() + " differences: "
                        + report.mismatches().stream().filter(Mismatch::blocking).limit(5).map(m -> m.object() + " " + m.difference()).collect(Collectors.joining("; "));
        Files.writeString(file, summary + "\n\n" + table.toText());
        Files.writeString(ctx.workdir().resolve("verification/new-table-inventory.txt"), TableInventoryCheck.table(report.target()).toText());
        return new CheckOutcome(report.passed(), summary, table.toJson(), List.of(new CheckOutcome.Produced(ARTIFACT, file)));
    }

    /** Differences first, then every table with both sides' numbers. */
    static ResultTable table(VerificationReport report) {
        List<List<String>> rows = new ArrayList<>();
        report.mismatches().forEach(m -> rows.add(List.of(m.object(), m.difference(), abbreviate(m.source()), abbreviate(m.target()),
                m.blocking() ? "DIFFERENT" : "note")));
        Map<TableRef, TableStats> target = report.target().stream().collect(Collectors.toMap(TableStats::table, Function.identity()));
        for (TableStats s : report.source()) {
            TableStats t = target.get(s.table());
            if (t != null && t.rows() == s.rows() && Objects.equals(t.checksum(), s.checksum())) {
                rows.add(List.of(s.table().toString(), "rows and checksum", Long.toString(s.rows()), Long.toString(t.rows()), "equal"));
            }
        }
        return new ResultTable(List.of("object", "check", "source", "target", "result"), rows);
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 120 ? s.substring(0, 117) + "…" : s;
    }
}
