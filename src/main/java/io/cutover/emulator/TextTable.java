package io.cutover.emulator;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * flyctl's two table shapes: a borderless table with upper-case headers whose columns are
 * padded and separated by a tab, and a vertical "Title / Name = value" table.
 */
final class TextTable {

    private final List<String> headers;

    private final List<List<String>> rows = new ArrayList<>();

    TextTable(String... headers) {
        this.headers = List.of(headers);
    }

    TextTable row(Object... cells) {
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(cell == null ? "" : cell.toString());
        }
        rows.add(row);
        return this;
    }

    void print(PrintStream out) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        printLine(out, headers.stream().map(h -> h.toUpperCase(Locale.ROOT)).toList(), widths);
        for (List<String> row : rows) {
            printLine(out, row, widths);
        }
    }

    private static void printLine(PrintStream out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            line.append(String.format("%-" + widths[i] + "s", cells.get(i))).append('\t');
        }
        out.println(line.toString().stripTrailing());
    }

    /**
     * {@code render.VerticalTable}: a bold title in a terminal, then aligned "Name =
     * value" rows.
     */
    static void vertical(PrintStream out, String title, List<String> names, List<String> values) {
        if (!title.isEmpty()) {
            out.println(title);
        }
        int width = names.stream().mapToInt(String::length).max().orElse(0);
        for (int i = 0; i < names.size(); i++) {
            out.println("  " + String.format("%-" + width + "s", names.get(i)) + " = " + values.get(i));
        }
        out.println();
    }

}
