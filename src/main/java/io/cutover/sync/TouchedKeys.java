package io.cutover.sync;

import io.cutover.sync.PgOutput.Relation;
import io.cutover.sync.PgOutput.Value;
import io.cutover.verify.TableRef;
import io.cutover.verify.TouchedRows;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keys of every row the panel's applier changed on the target since the last online
 * verification, so the verification inside the downtime reads only those rows again. Keys
 * of the transaction group being applied are held apart until the group commits: a reset
 * in between must not forget changes that reach the target after it.
 */
final class TouchedKeys {

    /**
     * Beyond this many keys per table the table is re-checked whole: cheaper than keeping
     * them.
     */
    static final int MAX_KEYS_PER_TABLE = 2_000_000;

    private record Key(TableRef table, String column, String value) {
    }

    private final List<Key> pending = new ArrayList<>();

    private final Set<TableRef> pendingWhole = new HashSet<>();

    private final Map<TableRef, Map<String, Set<String>>> committed = new HashMap<>();

    private final Set<TableRef> whole = new HashSet<>();

    /** A row's key columns as pgoutput sent them (applier thread only). */
    void row(Relation r, List<Value> values) {
        TableRef table = new TableRef(r.schema(), r.table());
        if (r.identity() == 'f' || values == null) {
            pendingWhole.add(table);
            return;
        }
        boolean any = false;
        for (int i = 0; i < r.columns().size() && i < values.size(); i++) {
            Value v = values.get(i);
            if (r.columns().get(i).key() && v.text() != null) {
                pending.add(new Key(table, r.columns().get(i).name(), v.text()));
                any = true;
            }
        }
        if (!any) {
            pendingWhole.add(table);
        }
    }

    /** A truncate changes the whole table (applier thread only). */
    void whole(Relation r) {
        pendingWhole.add(new TableRef(r.schema(), r.table()));
    }

    /** The group's changes are committed on the target. */
    synchronized void committed() {
        for (Key k : pending) {
            if (whole.contains(k.table())) {
                continue;
            }
            Map<String, Set<String>> columns = committed.computeIfAbsent(k.table(), t -> new HashMap<>());
            Set<String> values = columns.computeIfAbsent(k.column(), c -> new HashSet<>());
            values.add(k.value());
            if (values.size() > MAX_KEYS_PER_TABLE) {
                committed.remove(k.table());
                whole.add(k.table());
            }
        }
        whole.addAll(pendingWhole);
        pendingWhole.forEach(committed::remove);
        pending.clear();
        pendingWhole.clear();
    }

    /** A rolled-back group is sent again after the reconnect, and recorded again then. */
    void rolledBack() {
        pending.clear();
        pendingWhole.clear();
    }

    /** Forgets what was committed so far: an online verification starts now. */
    synchronized void reset() {
        committed.clear();
        whole.clear();
    }

    synchronized TouchedRows snapshot() {
        Map<TableRef, Map<String, Set<String>>> copy = new HashMap<>();
        committed.forEach((table, columns) -> {
            Map<String, Set<String>> c = new HashMap<>();
            columns.forEach((column, values) -> c.put(column, Set.copyOf(values)));
            copy.put(table, Map.copyOf(c));
        });
        return new TouchedRows(copy, whole);
    }

}
