package io.cutover.verify;

import java.util.Map;
import java.util.Set;

/**
 * What the stream changed since an online verification: per table, the values of each key
 * column of every row it inserted, updated (old and new key) or deleted, and the tables
 * it changed wholesale (a truncate, a table without a usable key, or more keys than are
 * worth keeping).
 *
 * @param keys table to key column name to the values, as text
 */
public record TouchedRows(Map<TableRef, Map<String, Set<String>>> keys, Set<TableRef> whole) {

    public TouchedRows {
        keys = Map.copyOf(keys);
        whole = Set.copyOf(whole);
    }

    public static final TouchedRows NONE = new TouchedRows(Map.of(), Set.of());

    /** Whether the stream changed nothing. */
    public boolean isEmpty() {
        return keys.isEmpty() && whole.isEmpty();
    }

    /** How many rows (keys of the first key column counted), for a status line. */
    public long keyCount() {
        return rows();
    }

    Set<String> values(TableRef table, String column) {
        return keys.getOrDefault(table, Map.of()).getOrDefault(column, Set.of());
    }

    long rows() {
        return keys.values().stream().mapToLong(m -> m.values().stream().mapToLong(Set::size).max().orElse(0)).sum();
    }
}
