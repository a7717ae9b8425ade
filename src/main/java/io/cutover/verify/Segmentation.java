package io.cutover.verify;

import java.util.List;
import java.util.stream.Collectors;

/**
 * How one table is cut into key ranges: segment 0 holds the keys below the first
 * boundary, segment i those from boundary i (inclusive) to boundary i + 1 (exclusive),
 * the last one everything from the last boundary up. The boundaries are taken from the
 * source once and used on both sides, so segment i means the same keys on each.
 *
 * @param keyColumns the primary key's (or replica identity's) columns, in index order
 * @param segmentColumn the first key column, the one the ranges are cut on
 * @param type its type as format_type prints it (the boundaries are cast to it)
 * @param collatable whether the column has a collation: it is then compared in "C" (byte
 * order), the same on every server whatever the databases' locales
 * @param boundaries each segment's first key but the first segment's, ascending, as text
 */
record Segmentation(List<String> keyColumns, String segmentColumn, String type, boolean collatable,
        List<String> boundaries) {

    Segmentation {
        keyColumns = List.copyOf(keyColumns);
        boundaries = List.copyOf(boundaries);
    }

    int segments() {
        return boundaries.size() + 1;
    }

    /** The segment column as compared: in byte order for text types. */
    String keyExpression() {
        return "t." + TableRef.quote(segmentColumn) + (collatable ? " COLLATE \"C\"" : "");
    }

    /**
     * The segment a row falls in, computed by the server (a binary search over the
     * boundaries).
     */
    String segmentExpression() {
        return boundaries.isEmpty() ? "0" : "width_bucket(" + keyExpression() + ", " + arrayLiteral() + ")";
    }

    /**
     * The rows of one segment, as a WHERE condition on its key range (the index serves
     * it).
     */
    String rangeCondition(int segment) {
        String lower = segment == 0 ? null : keyExpression() + " >= " + literal(boundaries.get(segment - 1));
        String upper = segment >= boundaries.size() ? null : keyExpression() + " < " + literal(boundaries.get(segment));
        if (lower == null && upper == null) {
            return "true";
        }
        return lower == null ? upper : upper == null ? lower : lower + " AND " + upper;
    }

    /** The whole key as one text value, e.g. {@code 42} or {@code (3,17)}. */
    String keyText() {
        if (keyColumns.size() == 1) {
            return "t." + TableRef.quote(keyColumns.get(0)) + "::text";
        }
        return "ROW(" + keyColumns.stream().map(c -> "t." + TableRef.quote(c)).collect(Collectors.joining(", "))
                + ")::text";
    }

    /**
     * How a key is named to a person: {@code id = 42},
     * {@code (group_id, user_id) = (3,17)}.
     */
    String name(String key) {
        return (keyColumns.size() == 1 ? keyColumns.get(0) : "(" + String.join(", ", keyColumns) + ")") + " = " + key;
    }

    /** A segment's key range in words, for a person. */
    String describe(int segment) {
        String from = segment == 0 ? "the smallest" : boundaries.get(segment - 1);
        String to = segment >= boundaries.size() ? "the largest" : "below " + boundaries.get(segment);
        return "segment " + (segment + 1) + " of " + segments() + " (" + segmentColumn + " from " + from + " to " + to
                + ")";
    }

    private String literal(String value) {
        return sqlString(value) + "::" + type + (collatable ? " COLLATE \"C\"" : "");
    }

    private String arrayLiteral() {
        String elements = boundaries.stream()
            .map(b -> "\"" + b.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
            .collect(Collectors.joining(","));
        return sqlString("{" + elements + "}") + "::" + type + "[]" + (collatable ? " COLLATE \"C\"" : "");
    }

    static String sqlString(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
