package io.cutover.execution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.modulith.NamedInterface;
import tools.jackson.databind.json.JsonMapper;

/**
 * A table of results: JSON for the run page, aligned text for the files the seed keeps
 * (table-inventory.txt, backup-manifest.txt, verification reports).
 */
@NamedInterface("spi")
public record ResultTable(List<String> columns, List<List<String>> rows) {

    public ResultTable {
        columns = List.copyOf(columns);
        rows = rows.stream().map(r -> r.stream().map(v -> v == null ? "" : v).toList()).toList();
    }

    public String toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("columns", columns);
        json.put("rows", rows);
        json.put("truncated", false);
        return JsonMapper.shared().writeValueAsString(json);
    }

    /** Columns padded to their widest value, one row per line. */
    public String toText() {
        int[] widths = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            widths[i] = columns.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], i < row.size() ? row.get(i).length() : 0);
            }
        }
        StringBuilder out = new StringBuilder();
        appendRow(out, columns, widths);
        List<String> rule = new ArrayList<>();
        for (int w : widths) {
            rule.add("-".repeat(w));
        }
        appendRow(out, rule, widths);
        rows.forEach(r -> appendRow(out, r, widths));
        return out.toString();
    }

    private static void appendRow(StringBuilder out, List<String> values, int[] widths) {
        for (int i = 0; i < widths.length; i++) {
            String v = i < values.size() ? values.get(i) : "";
            out.append(v).append(" ".repeat(widths[i] - v.length()));
            if (i < widths.length - 1) {
                out.append("  ");
            }
        }
        out.append('\n');
    }
}
