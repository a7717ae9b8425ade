package io.cutover.sync;

import io.cutover.sync.PgOutput.Relation;
import io.cutover.sync.PgOutput.Value;
import io.cutover.verify.TableRef;
import io.cutover.verify.TouchedRows;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keys of every row the panel's applier changed on the target since the last online
 * verification, so the verification inside the downtime reads only those rows again. The
 * record is kept in stretches: a background pass seals the current one, compares what the
 * sealed ones changed at a newer position, and drops them once proven. Keys of the
 * transaction group being applied are held apart until the group commits: a reset in
 * between must not forget changes that reach the target after it.
 */
final class TouchedKeys {

    /**
     * Beyond this many keys per table the table is re-checked whole: cheaper than keeping
     * them.
     */
    static final int MAX_KEYS_PER_TABLE = 2_000_000;

    private record Key(TableRef table, String column, String value) {
    }

    /**
     * What one stretch of the stream changed: from one background pass's seal to the
     * next.
     */
    private static final class Epoch {

        final long id;

        final Map<TableRef, Map<String, Set<String>>> keys = new HashMap<>();

        final Set<TableRef> whole = new HashSet<>();

        Epoch(long id) {
            this.id = id;
        }

    }

    private final List<Key> pending = new ArrayList<>();

    private final Set<TableRef> pendingWhole = new HashSet<>();

    /** Stretches a background pass is comparing, or failed to: not proven yet. */
    private final Deque<Epoch> sealed = new ArrayDeque<>();

    private long nextEpoch = 1;

    private Epoch current = new Epoch(0);

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
            add(current, k.table(), k.column(), k.value());
        }
        current.whole.addAll(pendingWhole);
        pendingWhole.forEach(current.keys::remove);
        pending.clear();
        pendingWhole.clear();
    }

    /** A rolled-back group is sent again after the reconnect, and recorded again then. */
    void rolledBack() {
        pending.clear();
        pendingWhole.clear();
    }

    private static void add(Epoch e, TableRef table, String column, String value) {
        if (e.whole.contains(table)) {
            return;
        }
        Set<String> values = e.keys.computeIfAbsent(table, t -> new HashMap<>())
            .computeIfAbsent(column, c -> new HashSet<>());
        values.add(value);
        if (values.size() > MAX_KEYS_PER_TABLE) {
            e.keys.remove(table);
            e.whole.add(table);
        }
    }

    /** Forgets what was committed so far: an online verification starts now. */
    synchronized void reset() {
        sealed.clear();
        current = new Epoch(nextEpoch++);
    }

    /**
     * Closes the stretch recorded so far, before a background pass takes its snapshots:
     * what the stream changes from now on is recorded apart. Answers the stretch's
     * number.
     */
    synchronized long seal() {
        sealed.addLast(current);
        current = new Epoch(nextEpoch++);
        return sealed.getLast().id;
    }

    /** What the stretches up to the given one changed (what a pass compares). */
    synchronized TouchedRows sealedUpTo(long epoch) {
        return union(sealed.stream().filter(e -> e.id <= epoch).toList());
    }

    /**
     * A pass proved the stretches up to the given one at its position, except
     * {@code open} (rows that differed there, tables it could not compare by key): those
     * are carried into the current stretch, to be compared again.
     */
    synchronized void proven(long epoch, TouchedRows open) {
        sealed.removeIf(e -> e.id <= epoch);
        open.keys()
            .forEach((table, columns) -> columns
                .forEach((column, values) -> values.forEach(v -> add(current, table, column, v))));
        current.whole.addAll(open.whole());
        open.whole().forEach(current.keys::remove);
    }

    /**
     * Everything not proven by a pass: what the verification inside the downtime reads.
     */
    synchronized TouchedRows snapshot() {
        List<Epoch> all = new ArrayList<>(sealed);
        all.add(current);
        return union(all);
    }

    private static TouchedRows union(List<Epoch> epochs) {
        Map<TableRef, Map<String, Set<String>>> keys = new HashMap<>();
        Set<TableRef> whole = new HashSet<>();
        epochs.forEach(e -> whole.addAll(e.whole));
        for (Epoch e : epochs) {
            e.keys.forEach((table, columns) -> {
                if (!whole.contains(table)) {
                    columns.forEach((column, values) -> keys.computeIfAbsent(table, t -> new HashMap<>())
                        .computeIfAbsent(column, c -> new HashSet<>())
                        .addAll(values));
                }
            });
        }
        Map<TableRef, Map<String, Set<String>>> copy = new HashMap<>();
        keys.forEach((table, columns) -> {
            Map<String, Set<String>> c = new HashMap<>();
            columns.forEach((column, values) -> c.put(column, Set.copyOf(values)));
            copy.put(table, Map.copyOf(c));
        });
        return new TouchedRows(copy, whole);
    }

}
