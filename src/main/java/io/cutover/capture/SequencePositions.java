package io.cutover.capture;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Sequences on Flex moved up to the cluster's values, so the app's next insert on Flex
 * takes an unused id.
 */
final class SequencePositions {

    private SequencePositions() {
    }

    static List<String> moveUp(Connection cluster, Connection flex, Consumer<String> log) throws SQLException {
        Map<String, Long> clusterValues = values(cluster);
        Map<String, Long> flexValues = values(flex);
        List<String> moved = new ArrayList<>();
        try (PreparedStatement ps = flex.prepareStatement("SELECT setval(?::regclass, ?)")) {
            for (Map.Entry<String, Long> e : clusterValues.entrySet()) {
                Long was = flexValues.get(e.getKey());
                if (e.getValue() == null || !flexValues.containsKey(e.getKey())
                        || (was != null && was >= e.getValue())) {
                    continue;
                }
                ps.setString(1, e.getKey());
                ps.setLong(2, e.getValue());
                ps.execute();
                moved.add(e.getKey() + ": " + (was == null ? "never used" : was) + " -> " + e.getValue());
                log.accept("Sequence " + e.getKey() + " on Flex moved to the cluster's " + e.getValue());
            }
        }
        return moved;
    }

    /**
     * Each sequence's last value, null when never used (or not readable by this role).
     */
    static Map<String, Long> values(Connection c) throws SQLException {
        Map<String, Long> values = new HashMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st
                    .executeQuery("SELECT format('%I.%I', schemaname, sequencename), last_value FROM pg_sequences"
                            + " WHERE schemaname <> 'cutover_capture'")) {
            while (rs.next()) {
                String name = rs.getString(1);
                long v = rs.getLong(2);
                values.put(name, rs.wasNull() ? null : v);
            }
        }
        return values;
    }

}
