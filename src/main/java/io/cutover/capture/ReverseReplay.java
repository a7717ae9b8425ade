package io.cutover.capture;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Applies the cluster's captured changes to Flex in capture order, in one transaction
 * with Flex's triggers off (session_replication_role = replica: what the app's triggers
 * did on the cluster was captured as changes of its own), then moves Flex's sequences up
 * to the cluster's.
 */
final class ReverseReplay {

    /** What the replay did: changes applied per table and operation, sequences moved. */
    record Replayed(long changes, Map<String, Long> byTableAndOperation, List<String> sequencesMoved) {
    }

    private final Connection flex;

    private final Map<String, TableShape> shapes = new HashMap<>();

    private final Map<String, PreparedStatement> statements = new HashMap<>();

    private ReverseReplay(Connection flex) {
        this.flex = flex;
    }

    static Replayed run(Connection cluster, Connection flex, long upToId, Consumer<String> log) throws SQLException {
        ReverseReplay replay = new ReverseReplay(flex);
        flex.setAutoCommit(false);
        try {
            try (Statement st = flex.createStatement()) {
                st.execute("SET LOCAL session_replication_role = replica");
            }
            Map<String, Long> counts = replay.apply(cluster, upToId, log);
            List<String> moved = SequencePositions.moveUp(cluster, flex, log);
            flex.commit();
            return new Replayed(counts.values().stream().mapToLong(Long::longValue).sum(), counts, moved);
        }
        catch (SQLException e) {
            flex.rollback();
            throw e;
        }
        finally {
            for (PreparedStatement ps : replay.statements.values()) {
                ps.close();
            }
            flex.setAutoCommit(true);
        }
    }

    private Map<String, Long> apply(Connection cluster, long upToId, Consumer<String> log) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        boolean autoCommit = cluster.getAutoCommit();
        cluster.setAutoCommit(false); // a cursor: the changes are read in batches, not
                                      // all at once
        try (PreparedStatement ps = cluster
            .prepareStatement("SELECT format('%I.%I', table_schema, table_name), op, old_row::text, new_row::text"
                    + " FROM cutover_capture.change WHERE id <= ? ORDER BY id")) {
            ps.setFetchSize(1000);
            ps.setLong(1, upToId);
            try (ResultSet rs = ps.executeQuery()) {
                long done = 0;
                while (rs.next()) {
                    String table = rs.getString(1);
                    String op = rs.getString(2);
                    applyOne(table, op, rs.getString(3), rs.getString(4));
                    counts.merge(table + " " + op, 1L, Long::sum);
                    if (++done % 5000 == 0) {
                        log.accept("Replayed " + done + " changes onto Flex");
                    }
                }
            }
        }
        finally {
            cluster.commit();
            cluster.setAutoCommit(autoCommit);
        }
        return counts;
    }

    private void applyOne(String table, String op, String oldRow, String newRow) throws SQLException {
        TableShape shape = shapes.computeIfAbsent(table, t -> TableShape.read(flex, t));
        PreparedStatement ps = statements.computeIfAbsent(table + " " + op, k -> prepare(shape.sql(op)));
        switch (op) {
            case "INSERT" -> ps.setString(1, newRow);
            case "UPDATE" -> {
                ps.setString(1, newRow);
                ps.setString(2, oldRow);
            }
            case "DELETE" -> ps.setString(1, oldRow);
            default -> {
            } // TRUNCATE has no parameter
        }
        int rows = ps.executeUpdate();
        if (rows != 1 && !op.equals("TRUNCATE")) {
            throw new SQLException("Replaying " + op + " on " + table + " changed " + rows
                    + " rows on Flex instead of 1: Flex does not hold the row the cluster changed");
        }
    }

    private PreparedStatement prepare(String sql) {
        try {
            return flex.prepareStatement(sql);
        }
        catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

}
