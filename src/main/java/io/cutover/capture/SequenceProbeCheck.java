package io.cutover.capture;

import io.cutover.execution.CheckContext;
import io.cutover.execution.CheckOutcome;
import io.cutover.execution.ResultTable;
import io.cutover.execution.StepCheck;
import io.cutover.runbook.SqlTarget;
import io.cutover.verify.PgSession;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Steps "Probe every sequence-backed key": for each column filled from a sequence (serial
 * or identity), the value the next insert would take must be above every value the column
 * holds — else the app's first insert collides (what copies that forget sequences leave
 * behind). It reads the sequence's state instead of calling nextval or inserting: nextval
 * is not undone by a rollback, and a generic insert cannot know every other column's
 * value. Option {@code side}: source or target.
 */
@Component
@StepCheck.Named("sequence-probe")
class SequenceProbeCheck implements StepCheck {

    @Override
    public CheckOutcome run(CheckContext ctx) throws Exception {
        SqlTarget side = ctx.option("side").map(s -> SqlTarget.valueOf(s.toUpperCase())).orElse(SqlTarget.TARGET);
        List<List<String>> rows = new ArrayList<>();
        List<String> colliding = new ArrayList<>();
        try (Connection c = PgSession.open(ctx.requiredConnection(side), Duration.ofSeconds(10));
                Statement st = c.createStatement()) {
            List<String[]> keys = new ArrayList<>();
            try (ResultSet rs = st
                .executeQuery("SELECT format('%I.%I', n.nspname, t.relname) AS tbl, quote_ident(a.attname),"
                        + " pg_get_serial_sequence(format('%I.%I', n.nspname, t.relname), a.attname) FROM pg_attribute a JOIN pg_class t ON t.oid = a.attrelid"
                        + " JOIN pg_namespace n ON n.oid = t.relnamespace WHERE t.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped"
                        + " AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'cutover_capture') AND n.nspname NOT LIKE 'pg\\_%'"
                        + " AND pg_get_serial_sequence(format('%I.%I', n.nspname, t.relname), a.attname) IS NOT NULL ORDER BY 1, 2")) {
                while (rs.next()) {
                    keys.add(new String[] { rs.getString(1), rs.getString(2), rs.getString(3) });
                }
            }
            for (String[] key : keys) {
                long[] next = next(st, key[2]);
                String max = scalar(st, "SELECT max(" + key[1] + ")::text FROM " + key[0]);
                boolean free = max == null
                        || (next[1] > 0 ? next[0] > Long.parseLong(max) : next[0] < Long.parseLong(max));
                if (!free) {
                    colliding.add(key[0] + "." + key[1] + " (next " + next[0] + ", highest used " + max + ")");
                }
                rows.add(List.of(key[0] + "." + key[1], key[2], Long.toString(next[0]), max == null ? "empty" : max,
                        free ? "free" : "COLLIDES"));
            }
        }
        ResultTable table = new ResultTable(List.of("key", "sequence", "next value", "highest used", "verdict"), rows);
        if (!colliding.isEmpty()) {
            return CheckOutcome.failed("The next insert would reuse an id: " + String.join(", ", colliding)
                    + ". Move each sequence past its column's highest value (SELECT setval(...)) before the app writes here")
                .withResult(table.toJson());
        }
        return CheckOutcome
            .passed("Every sequence-backed key on the " + side.name().toLowerCase() + " is free: " + rows.size()
                    + " keys, each sequence's next value above the highest one used")
            .withResult(table.toJson());
    }

    /** The value nextval would return now, and the increment. */
    private static long[] next(Statement st, String sequence) throws SQLException {
        try (ResultSet rs = st
            .executeQuery("SELECT s.last_value, s.is_called, q.increment_by FROM " + sequence + " s, pg_sequences q"
                    + " WHERE format('%I.%I', q.schemaname, q.sequencename) = '" + sequence.replace("'", "''") + "'")) {
            rs.next();
            long increment = rs.getLong(3);
            return new long[] { rs.getBoolean(2) ? rs.getLong(1) + increment : rs.getLong(1), increment };
        }
    }

    private static String scalar(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

}
