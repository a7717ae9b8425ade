package io.cutover.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One side's scan (plain tables, leaf partitions, populated materialized views) and
 * schema snapshot, compared with the other side's table by table.
 */
record Side(List<TableStats> scanned, Map<TableRef, TableRef> leaves, Map<TableRef, Boolean> views,
        Set<TableRef> topLevel, Map<String, Map<String, String>> schema) {

    /**
     * Tables as the inventory lists them: a partitioned table with its partitions' rows.
     */
    List<TableStats> stats() {
        return TableComparison.withRoots(scanned, leaves, topLevel);
    }

    /** Partitions and materialized views, each compared on its own. */
    List<TableStats> parts() {
        List<TableStats> parts = new ArrayList<>(
                scanned.stream().filter(st -> !topLevel.contains(st.table())).toList());
        views.forEach((view, populated) -> {
            if (!populated) {
                parts.add(new TableStats(view, 0, TableComparison.NOT_POPULATED, 0));
            }
        });
        parts.sort((a, b) -> a.table().compareTo(b.table()));
        return parts;
    }

    List<Mismatch> compareWith(Side target) {
        Set<TableRef> partitioned = TableComparison.rootsOf(leaves);
        partitioned.retainAll(TableComparison.rootsOf(target.leaves));
        List<Mismatch> out = new ArrayList<>(
                TableComparison.compare(stats().stream().filter(st -> !partitioned.contains(st.table())).toList(),
                        target.stats().stream().filter(st -> !partitioned.contains(st.table())).toList(), "table"));
        List<Mismatch> partitions = TableComparison.compare(only(leaves.keySet()), target.only(target.leaves.keySet()),
                "partition");
        out.addAll(partitions);
        out.addAll(TableComparison.partitionSummaries(partitions, leaves, target.leaves));
        out.addAll(
                TableComparison.compare(only(views.keySet()), target.only(target.views.keySet()), "materialized view"));
        return out;
    }

    private List<TableStats> only(Set<TableRef> refs) {
        return parts().stream().filter(st -> refs.contains(st.table())).toList();
    }

}
