package io.cutover.verify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Row counts and checksums of both sides compared, each where the rows are: a plain table
 * as itself, a partitioned table partition by partition (the partitioned table only
 * summarises which of its partitions differ), a materialized view by its contents.
 */
final class TableComparison {

    /**
     * The checksum of a materialized view that holds no data: its populated state is
     * compared instead.
     */
    static final String NOT_POPULATED = "not populated";

    private TableComparison() {
    }

    static List<Mismatch> compare(List<TableStats> source, List<TableStats> target, String noun) {
        Map<TableRef, TableStats> s = index(source);
        Map<TableRef, TableStats> t = index(target);
        TreeSet<TableRef> all = new TreeSet<>(s.keySet());
        all.addAll(t.keySet());
        String prefix = noun.equals("table") ? "" : noun + " ";
        List<Mismatch> out = new ArrayList<>();
        for (TableRef table : all) {
            TableStats a = s.get(table);
            TableStats b = t.get(table);
            if (b == null) {
                out.add(new Mismatch(table.toString(), noun + " missing on target", a.rows() + " rows", "—", true));
            }
            else if (a == null) {
                out.add(new Mismatch(table.toString(), noun + " only on target", "—", b.rows() + " rows", true));
            }
            else if (a.unreadable() != null || b.unreadable() != null) {
                out.add(unreadable(table, noun, a, b));
            }
            else if (!NOT_POPULATED.equals(a.checksum()) && !NOT_POPULATED.equals(b.checksum())) {
                if (a.rows() != b.rows()) {
                    out.add(new Mismatch(table.toString(), prefix + "row count", Long.toString(a.rows()),
                            Long.toString(b.rows()), true));
                }
                if (!Objects.equals(a.checksum(), b.checksum())) {
                    out.add(new Mismatch(table.toString(), prefix + "content checksum", a.checksum(), b.checksum(),
                            true));
                }
            }
        }
        return out;
    }

    private static Mismatch unreadable(TableRef table, String noun, TableStats a, TableStats b) {
        String side = a.unreadable() != null ? "source" : "target";
        String reason = a.unreadable() != null ? a.unreadable() : b.unreadable();
        return new Mismatch(table.toString(),
                (noun.equals("table") ? "" : noun + " ") + "cannot be read by the " + side + "'s role (" + reason
                        + "): grant it SELECT, or verify as a role that can read every table",
                a.unreadable() != null ? "unreadable" : a.rows() + " rows",
                b.unreadable() != null ? "unreadable" : b.rows() + " rows", true);
    }

    /**
     * One note per partitioned table naming the partitions that differ (the differences
     * themselves are the partitions').
     */
    static List<Mismatch> partitionSummaries(List<Mismatch> partitionDifferences, Map<TableRef, TableRef> sourceRoots,
            Map<TableRef, TableRef> targetRoots) {
        Map<String, Set<String>> byRoot = new TreeMap<>();
        for (Mismatch m : partitionDifferences) {
            TableRef root = rootOf(m.object(), sourceRoots)
                .orElseGet(() -> rootOf(m.object(), targetRoots).orElseThrow());
            byRoot.computeIfAbsent(root.toString(), r -> new TreeSet<>()).add(m.object());
        }
        List<Mismatch> out = new ArrayList<>();
        byRoot.forEach((root, leaves) -> {
            long total = sourceRoots.values().stream().filter(r -> r.toString().equals(root)).count();
            out.add(new Mismatch(root,
                    leaves.size() + " of " + total + " partitions differ: " + String.join(", ", leaves), "", "",
                    false));
        });
        return out;
    }

    /**
     * A partitioned table's rows and size are its partitions'; its checksum is left to
     * them.
     */
    static List<TableStats> withRoots(List<TableStats> scanned, Map<TableRef, TableRef> roots, Set<TableRef> topLevel) {
        Map<TableRef, long[]> sums = new HashMap<>();
        for (TableStats st : scanned) {
            TableRef root = roots.get(st.table());
            if (root != null) {
                long[] sum = sums.computeIfAbsent(root, r -> new long[2]);
                sum[0] += st.rows();
                sum[1] += st.bytes();
            }
        }
        List<TableStats> out = new ArrayList<>(scanned.stream().filter(st -> topLevel.contains(st.table())).toList());
        sums.forEach((root, sum) -> out.add(new TableStats(root, sum[0], null, sum[1])));
        out.sort((a, b) -> a.table().compareTo(b.table()));
        return out;
    }

    static Set<TableRef> rootsOf(Map<TableRef, TableRef> leaves) {
        return new java.util.HashSet<>(leaves.values());
    }

    private static java.util.Optional<TableRef> rootOf(String leaf, Map<TableRef, TableRef> roots) {
        return roots.entrySet()
            .stream()
            .filter(e -> e.getKey().toString().equals(leaf))
            .map(Map.Entry::getValue)
            .findFirst();
    }

    private static Map<TableRef, TableStats> index(List<TableStats> stats) {
        Map<TableRef, TableStats> map = new HashMap<>();
        stats.forEach(st -> map.put(st.table(), st));
        return map;
    }

}
