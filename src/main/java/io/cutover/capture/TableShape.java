package io.cutover.capture;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A Flex table as the replay writes it: the columns it may set (generated ones are
 * computed by Flex) and its primary key; a table without one is matched on the whole old
 * row.
 */
record TableShape(String table, List<String> columns, List<String> key) {

    static TableShape read(Connection flex, String table) {
        try (PreparedStatement ps = flex
            .prepareStatement("SELECT quote_ident(a.attname), a.attnum = ANY (coalesce(i.indkey::int2[], '{}'))"
                    + " FROM pg_attribute a LEFT JOIN pg_index i ON i.indrelid = a.attrelid AND i.indisprimary"
                    + " WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' ORDER BY a.attnum")) {
            ps.setString(1, table);
            List<String> columns = new ArrayList<>();
            List<String> key = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                    if (rs.getBoolean(2)) {
                        key.add(rs.getString(1));
                    }
                }
            }
            return new TableShape(table, columns, key);
        }
        catch (SQLException e) {
            throw new IllegalStateException(
                    "Flex has no table " + table + " to replay the cluster's changes into: " + e.getMessage(), e);
        }
    }

    String sql(String op) {
        String cols = String.join(", ", columns);
        String record = "jsonb_populate_record(NULL::" + table + ", ?::jsonb)";
        return switch (op) {
            case "INSERT" ->
                "INSERT INTO " + table + " (" + cols + ") OVERRIDING SYSTEM VALUE SELECT " + cols + " FROM " + record;
            case "UPDATE" -> "UPDATE " + table + " AS t SET "
                    + String.join(", ", columns.stream().map(c -> c + " = n." + c).toList()) + " FROM " + record
                    + " AS n, " + record + " AS o WHERE " + match();
            case "DELETE" -> "DELETE FROM " + table + " AS t USING " + record + " AS o WHERE " + match();
            case "TRUNCATE" -> "TRUNCATE " + table;
            default -> throw new IllegalArgumentException(op);
        };
    }

    /**
     * The row the change was made to: by primary key, else the one row equal to the old
     * one.
     */
    private String match() {
        if (!key.isEmpty()) {
            return String.join(" AND ", key.stream().map(k -> "t." + k + " = o." + k).toList());
        }
        return "t.ctid = (SELECT x.ctid FROM " + table + " AS x WHERE ("
                + String.join(", ", columns.stream().map(c -> "x." + c).toList()) + ") IS NOT DISTINCT FROM ("
                + String.join(", ", columns.stream().map(c -> "o." + c).toList()) + ") LIMIT 1)";
    }
}
