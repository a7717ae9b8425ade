package io.cutover.verify;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The team's own spot-check queries (a parameter, separated by semicolons), run on both
 * sides inside read-only transactions, their results compared by row count and a hash. A
 * query naming a table or column this database does not have says so and does not apply,
 * instead of failing the migration; the same table missing only on the target is a
 * difference.
 */
final class TeamQueries {

    /**
     * undefined_table, undefined_column, invalid_schema_name: the query was written for
     * another schema.
     */
    private static final Set<String> NOT_THIS_SCHEMA = Set.of("42P01", "42703", "3F000");

    private static final int MAX_ROWS = 10_000;

    private TeamQueries() {
    }

    static List<String> split(String queries) {
        return Arrays.stream(queries.split(";")).map(String::strip).filter(q -> !q.isEmpty()).toList();
    }

    static List<SpotChecks.Result> run(Connection source, Connection target, List<String> queries, String behind) {
        List<SpotChecks.Result> out = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            String label = "team query " + (i + 1);
            String query = queries.get(i);
            Answer s = answer(source, query);
            Answer t = answer(target, query);
            String result;
            if (s.missing() != null) {
                result = "does not apply: " + s.missing() + " on the source";
            }
            else if (s.error() != null) {
                result = SpotChecks.DIFFERENT;
            }
            else if (t.missing() != null || t.error() != null) {
                result = SpotChecks.DIFFERENT;
            }
            else {
                result = s.equals(t) ? SpotChecks.SAME : behind;
            }
            out.add(new SpotChecks.Result(label, oneLine(query), s.shown(), t.shown(), result));
        }
        return out;
    }

    /**
     * @param missing what this schema lacks (the server's words), @param error any other
     * failure
     */
    private record Answer(long rows, String hash, String missing, String error) {

        String shown() {
            return missing != null ? missing : error != null ? "failed: " + error : rows + " rows";
        }
    }

    private static Answer answer(Connection c, String query) {
        try (Statement st = c.createStatement()) {
            st.setMaxRows(MAX_ROWS);
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            long rows = 0;
            try (ResultSet rs = st.executeQuery(query)) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    rows++;
                    for (int i = 1; i <= columns; i++) {
                        String v = rs.getString(i);
                        digest.update((v == null ? "\u0000NULL" : v + "\u0001")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    }
                    digest.update((byte) '\n');
                }
            }
            return new Answer(rows, HexFormat.of().formatHex(digest.digest()), null, null);
        }
        catch (SQLException e) {
            String first = firstLine(e.getMessage()).replaceFirst("^ERROR: ", "");
            return NOT_THIS_SCHEMA.contains(e.getSQLState()) ? new Answer(0, null, first, null)
                    : new Answer(0, null, null, first);
        }
        catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        finally {
            try {
                c.rollback();
            }
            catch (SQLException ignored) {
                // the next query starts a new transaction anyway
            }
        }
    }

    private static String oneLine(String s) {
        String flat = s.replaceAll("\\s+", " ");
        return flat.length() > 160 ? flat.substring(0, 157) + "…" : flat;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse(s);
    }

}
