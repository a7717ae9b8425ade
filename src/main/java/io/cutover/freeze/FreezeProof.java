package io.cutover.freeze;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether anything was committed on the source after the freeze: the freeze point against
 * now, and, where the freeze created a decoding slot, every transaction decoded after it
 * (only the panel's marker may be there). Names the sessions that could have written.
 */
final class FreezeProof {

    private FreezeProof() {
    }

    /**
     * @param writes what moved since the freeze, one line each (tables, sequences,
     * decoded transactions)
     * @param writers sessions that could have written: connected after the freeze, or
     * seen writing
     * @param decodedTransactions transactions the decoding slot shows after the freeze
     * besides the panel's markers
     */
    record Result(boolean holds, FreezePoint now, List<String> writes, List<String> writers, int decodedTransactions) {
    }

    private static final String FREEZE_MARKER = "prefix: " + SourceFreeze.MARKER_PREFIX + ", sz: ";

    static Result check(Connection c, FreezePoint frozen, String slot, Set<String> seen) throws SQLException {
        FreezePoint now = FreezePoint.read(c);
        List<String> writes = new ArrayList<>(now.writesSince(frozen));
        int decoded = 0;
        if (slot != null) {
            SourceFreeze.emitMarker(c, "proof");
            Map<String, List<String>> transactions = decode(c, slot);
            boolean markerSeen = transactions.values()
                .stream()
                .anyMatch(changes -> changes.stream().anyMatch(line -> line.contains(FREEZE_MARKER)));
            if (!markerSeen) {
                writes.add("the decoding slot " + slot
                        + " does not show the panel's own markers, so it cannot show the others' transactions either");
            }
            for (Map.Entry<String, List<String>> xact : transactions.entrySet()) {
                List<String> theirs = xact.getValue().stream().filter(line -> !line.contains(FREEZE_MARKER)).toList();
                if (!theirs.isEmpty()) {
                    decoded++;
                    writes.add("transaction " + xact.getKey() + " committed after the freeze: "
                            + String.join("; ", summarize(theirs)));
                }
            }
        }
        // A session connected now may write right after the proof, and its latest commit
        // may not be
        // in the statistics yet (a backend reports them up to a second late): either way
        // no proof.
        List<String> connected = connectedNow(c);
        connected.forEach(s -> writes.add("connected to the frozen source: " + s));
        Set<String> writers = new LinkedHashSet<>(seen);
        writers.addAll(connected);
        return new Result(writes.isEmpty(), now, writes, List.copyOf(writers), decoded);
    }

    /**
     * The decoded changes after the freeze, by transaction; the slot is only peeked, so a
     * re-run sees the same.
     */
    private static Map<String, List<String>> decode(Connection c, String slot) throws SQLException {
        Map<String, List<String>> byXid = new LinkedHashMap<>();
        try (PreparedStatement ps = c
            .prepareStatement("SELECT xid::text, data FROM pg_logical_slot_peek_changes(?, NULL, NULL,"
                    + " 'include-xids', '1', 'skip-empty-xacts', '1')")) {
            ps.setString(1, slot);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String data = rs.getString(2);
                    if (data.startsWith("BEGIN") || data.startsWith("COMMIT")) {
                        continue;
                    }
                    byXid.computeIfAbsent(rs.getString(1), x -> new ArrayList<>()).add(data);
                }
            }
        }
        return byXid;
    }

    /**
     * "table public.orders: INSERT: id[integer]:5 ..." becomes "INSERT into
     * public.orders", counted.
     */
    private static List<String> summarize(List<String> changes) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String line : changes) {
            String key = line;
            if (line.startsWith("table ")) {
                int colon = line.indexOf(": ");
                int second = line.indexOf(':', colon + 2);
                String table = line.substring(6, colon);
                String op = second < 0 ? line.substring(colon + 2) : line.substring(colon + 2, second);
                key = op + " " + table;
            }
            else if (line.length() > 80) {
                key = line.substring(0, 80) + "…";
            }
            counts.merge(key, 1, Integer::sum);
        }
        List<String> out = new ArrayList<>();
        counts.forEach((k, n) -> out.add(n == 1 ? k : k + " ×" + n));
        return out;
    }

    /**
     * Sessions on the source now that are not the panel's: any of them may have written.
     */
    static List<String> connectedNow(Connection c) throws SQLException {
        List<String> sessions = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT usename, coalesce(nullif(application_name, ''), '-'), coalesce(client_addr::text, 'local')"
                        + " FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()"
                        + " AND NOT (usename = current_user AND " + SourceFreeze.PANEL_SESSIONS
                        + ") ORDER BY backend_start")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sessions.add(describe(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return sessions;
    }

    static String describe(String role, String application, String client) {
        return "role " + role + " (application_name " + application + ", from " + client + ")";
    }

}
