package io.cutover.verify;

import io.cutover.migration.ExecutionValues;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.TreeSet;

/** The segments keys the stream changed fall in, as a scan would put them. */
final class TouchedSegments {

    private TouchedSegments() {
    }

    /**
     * The segments the given values of the segment column fall in, computed by the server
     * as in a scan.
     */
    static Set<Integer> of(Segmentation plan, Set<String> values, ExecutionValues.Connection source,
            java.time.Duration connectTimeout) throws SQLException {
        Set<Integer> out = new TreeSet<>();
        if (values.isEmpty()) {
            return out;
        }
        Set<Integer> integers = integers(plan, values);
        if (integers != null) {
            return integers;
        }
        String sql = "SELECT DISTINCT " + plan.segmentExpression() + " FROM (SELECT (u.v)::" + plan.type() + " AS "
                + TableRef.quote(plan.segmentColumn()) + " FROM unnest(?::text[]) AS u(v)) AS t";
        try (Connection c = PgSession.pinned(source, connectTimeout); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", values.toArray(String[]::new)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getInt(1));
                }
            }
        }
        return out;
    }

    private static final Set<String> INTEGER_TYPES = Set.of("smallint", "integer", "bigint");

    /**
     * For an integer key, the same as the server's {@code width_bucket} (how many
     * boundaries are at or below the value), computed here: inside the downtime a round
     * trip that casts every changed key is worth saving. Null for other types, or a value
     * that is not an integer.
     */
    static Set<Integer> integers(Segmentation plan, Set<String> values) {
        if (!INTEGER_TYPES.contains(plan.type())) {
            return null;
        }
        try {
            long[] bounds = plan.boundaries().stream().mapToLong(Long::parseLong).toArray();
            Set<Integer> out = new TreeSet<>();
            for (String v : values) {
                int i = java.util.Arrays.binarySearch(bounds, Long.parseLong(v.strip()));
                out.add(i >= 0 ? i + 1 : -i - 1);
            }
            return out;
        }
        catch (NumberFormatException e) {
            return null;
        }
    }

}
