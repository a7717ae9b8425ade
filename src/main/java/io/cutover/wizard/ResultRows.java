package io.cutover.wizard;

import java.util.List;

/**
 * A step's result table as its card shows it; a SQL NULL cell is null here and marked on
 * the page.
 */
public record ResultRows(List<String> columns, List<List<Object>> rows, boolean truncated) {
}
