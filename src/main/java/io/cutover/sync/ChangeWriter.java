package io.cutover.sync;

import io.cutover.sync.PgOutput.Column;
import io.cutover.sync.PgOutput.Delete;
import io.cutover.sync.PgOutput.Insert;
import io.cutover.sync.PgOutput.Relation;
import io.cutover.sync.PgOutput.Truncate;
import io.cutover.sync.PgOutput.Update;
import io.cutover.sync.PgOutput.Value;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Applies decoded changes to the target with ordinary DML, in exactly the order they
 * arrive. Consecutive changes of the same shape go out as one JDBC batch (pipelined, one
 * round trip), and a different shape first flushes the batch, so order is kept across
 * tables. Values travel as untyped text and the server parses them as the column's type,
 * as pgoutput printed them.
 */
final class ChangeWriter implements AutoCloseable {

    /** Types without an equality operator: a full-row match compares their text. */
    private static final Set<Integer> NO_EQUALITY = Set.of(114, 142, 600, 601, 602, 603, 604, 628, 718);

    private static final int MAX_BATCH = 1000;

    private final Connection target;

    private final String slot;

    private final Map<Integer, Relation> relations = new HashMap<>();

    private final Map<String, PreparedStatement> statements = new HashMap<>();

    private final PreparedStatement advance;

    private final TouchedKeys touched;

    private PreparedStatement batch;

    private int batched;

    private long noOps;

    ChangeWriter(Connection target, String slot, TouchedKeys touched) throws SQLException {
        this.target = target;
        this.slot = slot;
        this.touched = touched;
        target.setAutoCommit(false);
        this.advance = AppliedPosition.advanceStatement(target);
    }

    void relation(Relation r) throws SQLException {
        flush();
        SchemaChange.check(target, r);
        relations.put(r.oid(), r);
        for (var it = statements.entrySet().iterator(); it.hasNext();) {
            var e = it.next();
            if (e.getKey().startsWith(r.oid() + ":")) {
                e.getValue().close();
                it.remove();
            }
        }
    }

    void insert(Insert m) throws SQLException {
        Relation r = relation(m.relation());
        List<Value> values = m.row();
        String key = r.oid() + ":I";
        PreparedStatement ps = statement(key, () -> insertSql(r));
        touched.row(r, values);
        bind(ps, values, all(values.size()), 1);
        add(ps);
    }

    void update(Update m) throws SQLException {
        Relation r = relation(m.relation());
        List<Integer> set = changed(m.row());
        List<Value> old = m.old() != null ? m.old() : m.row();
        List<Integer> where = matchColumns(r, old);
        touched.row(r, m.row());
        if (m.old() != null) {
            touched.row(r, m.old());
        }
        String key = r.oid() + ":U:" + set + ":" + where;
        PreparedStatement ps = statement(key,
                () -> "UPDATE " + r.qualified() + " SET "
                        + set.stream()
                            .map(i -> SourceSlot.quote(r.columns().get(i).name()) + " = ?")
                            .collect(Collectors.joining(", "))
                        + " WHERE " + whereSql(r, where));
        int next = bind(ps, m.row(), set, 1);
        bind(ps, old, where, next);
        add(ps);
    }

    void delete(Delete m) throws SQLException {
        Relation r = relation(m.relation());
        List<Integer> where = matchColumns(r, m.old());
        touched.row(r, m.old());
        String key = r.oid() + ":D:" + where;
        PreparedStatement ps = statement(key, () -> "DELETE FROM " + r.qualified() + " WHERE " + whereSql(r, where));
        bind(ps, m.old(), where, 1);
        add(ps);
    }

    void truncate(Truncate m) throws SQLException {
        flush();
        String tables = m.relations().stream().map(oid -> relation(oid).qualified()).collect(Collectors.joining(", "));
        m.relations().forEach(oid -> touched.whole(relation(oid)));
        try (Statement st = target.createStatement()) {
            st.execute("TRUNCATE " + tables + (m.restartIdentity() ? " RESTART IDENTITY" : "")
                    + (m.cascade() ? " CASCADE" : ""));
        }
    }

    /**
     * Commits everything applied since the last commit together with the source position
     * it reaches.
     */
    void commit(long endLsn, Instant commitTime) throws SQLException {
        flush();
        advance.setString(1, PgOutput.lsn(endLsn));
        advance.setTimestamp(2, commitTime == null ? null : Timestamp.from(commitTime));
        advance.setString(3, slot);
        if (advance.executeUpdate() != 1) {
            throw new SQLException("The applier's position row for slot " + slot + " is gone from the target (was "
                    + AppliedPosition.SCHEMA + " dropped?)");
        }
        target.commit();
        touched.committed();
    }

    /**
     * Forgets everything since the last commit; the source sends it again after a
     * reconnect.
     */
    void rollback() throws SQLException {
        batch = null;
        batched = 0;
        touched.rolledBack();
        target.rollback();
    }

    /**
     * Updates and deletes that found no row (expected after an ON DELETE CASCADE the
     * target already did itself).
     */
    long noOps() {
        return noOps;
    }

    private String insertSql(Relation r) {
        List<Column> cols = r.columns();
        String names = cols.stream().map(c -> SourceSlot.quote(c.name())).collect(Collectors.joining(", "));
        String params = cols.stream().map(c -> "?").collect(Collectors.joining(", "));
        return "INSERT INTO " + r.qualified() + " (" + names + ") VALUES (" + params + ")" + onConflict(r);
    }

    /**
     * Replaying a row that is already there updates it instead of failing: applying is
     * idempotent.
     */
    private static String onConflict(Relation r) {
        if (r.identity() == 'f' || r.columns().stream().noneMatch(Column::key)) {
            return "";
        }
        String keys = r.columns()
            .stream()
            .filter(Column::key)
            .map(c -> SourceSlot.quote(c.name()))
            .collect(Collectors.joining(", "));
        List<Column> rest = r.columns().stream().filter(c -> !c.key()).toList();
        return " ON CONFLICT (" + keys + ") DO "
                + (rest.isEmpty() ? "NOTHING"
                        : "UPDATE SET " + rest.stream()
                            .map(c -> SourceSlot.quote(c.name()) + " = EXCLUDED." + SourceSlot.quote(c.name()))
                            .collect(Collectors.joining(", ")));
    }

    /**
     * The replica identity's columns; with REPLICA IDENTITY FULL every column the old row
     * carries.
     */
    private static List<Integer> matchColumns(Relation r, List<Value> old) {
        List<Integer> cols = new ArrayList<>();
        for (int i = 0; i < r.columns().size(); i++) {
            if (r.identity() == 'f' ? !old.get(i).unchanged() : r.columns().get(i).key()) {
                cols.add(i);
            }
        }
        if (cols.isEmpty()) {
            throw new IllegalStateException("Table " + r.qualified()
                    + " has no replica identity: its updates and deletes cannot be matched on the target");
        }
        return cols;
    }

    /**
     * Keys match one row; a full-row match picks one of possibly identical rows, as the
     * source changed one.
     */
    private static String whereSql(Relation r, List<Integer> cols) {
        if (r.identity() != 'f') {
            return cols.stream()
                .map(i -> SourceSlot.quote(r.columns().get(i).name()) + " = ?")
                .collect(Collectors.joining(" AND "));
        }
        String match = cols.stream().map(i -> {
            Column c = r.columns().get(i);
            return NO_EQUALITY.contains(c.typeOid())
                    ? SourceSlot.quote(c.name()) + "::text IS NOT DISTINCT FROM ?::text"
                    : SourceSlot.quote(c.name()) + " IS NOT DISTINCT FROM ?";
        }).collect(Collectors.joining(" AND "));
        return "ctid = (SELECT ctid FROM " + r.qualified() + " WHERE " + match + " LIMIT 1)";
    }

    private static List<Integer> changed(List<Value> row) {
        List<Integer> cols = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
            if (!row.get(i).unchanged()) {
                cols.add(i);
            }
        }
        return cols;
    }

    private static List<Integer> all(int n) {
        List<Integer> cols = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            cols.add(i);
        }
        return cols;
    }

    private static int bind(PreparedStatement ps, List<Value> values, List<Integer> cols, int first)
            throws SQLException {
        int index = first;
        for (int i : cols) {
            Value v = values.get(i);
            if (v.text() == null) {
                ps.setNull(index++, Types.OTHER);
            }
            else {
                ps.setObject(index++, v.text(), Types.OTHER);
            }
        }
        return index;
    }

    private Relation relation(int oid) {
        Relation r = relations.get(oid);
        if (r == null) {
            throw new IllegalStateException("pgoutput sent a change for relation " + oid + " before describing it");
        }
        return r;
    }

    private interface Sql {

        String get();

    }

    private PreparedStatement statement(String key, Sql sql) throws SQLException {
        PreparedStatement ps = statements.get(key);
        if (ps == null) {
            ps = target.prepareStatement(sql.get());
            statements.put(key, ps);
        }
        if (batch != ps) {
            flush();
        }
        return ps;
    }

    private void add(PreparedStatement ps) throws SQLException {
        ps.addBatch();
        batch = ps;
        if (++batched >= MAX_BATCH) {
            flush();
        }
    }

    private void flush() throws SQLException {
        if (batch == null || batched == 0) {
            return;
        }
        for (int count : batch.executeBatch()) {
            if (count == 0) {
                noOps++;
            }
        }
        batched = 0;
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement ps : statements.values()) {
            ps.close();
        }
        advance.close();
    }

}
