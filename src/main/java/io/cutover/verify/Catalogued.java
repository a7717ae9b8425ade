package io.cutover.verify;

import io.cutover.migration.ExecutionValues;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One side's catalogue, read at a snapshot: what is scanned (plain tables, leaf
 * partitions, populated materialized views), the partition tree, the schema objects, and
 * (on the source) the key ranges both sides are cut by.
 */
record Catalogued(List<TableRef> scan, Map<TableRef, TableRef> leaves, Map<TableRef, Boolean> views,
        Set<TableRef> topLevel, Map<String, Map<String, String>> schema, Map<TableRef, Segmentation> plans) {

    static Catalogued read(ExecutionValues.Connection db, Duration connectTimeout, String snapshot,
            boolean planSegments) throws Exception {
        Map<String, Map<String, String>> schema = new LinkedHashMap<>();
        try (Connection c = PgSession.pinned(db, connectTimeout)) {
            PgSession.useSnapshot(c, snapshot);
            List<TableRef> tables = Catalog.tables(c);
            Map<TableRef, TableRef> leaves = Catalog.leafPartitions(c);
            Map<TableRef, Boolean> views = Catalog.materializedViews(c);
            for (SchemaObjects.Kind kind : SchemaObjects.KINDS) {
                schema.put(kind.kind(), Catalog.schemaObjects(c, kind));
            }
            // Rows are counted and hashed where they live: in each partition, not through
            // its parent.
            Set<TableRef> roots = TableComparison.rootsOf(leaves);
            Set<TableRef> topLevel = new HashSet<>(tables);
            topLevel.removeAll(roots);
            List<TableRef> scan = new ArrayList<>(topLevel);
            scan.addAll(leaves.keySet());
            views.forEach((view, populated) -> {
                if (populated) {
                    scan.add(view);
                }
            });
            Map<TableRef, Segmentation> plans = planSegments ? SegmentPlanner.plan(c, scan) : Map.of();
            return new Catalogued(scan, leaves, views, topLevel, schema, plans);
        }
    }

    /** This side as scanned: its tables' counts and checksums with the catalogue. */
    Side side(List<TableStats> scanned) {
        return new Side(scanned, leaves, views, topLevel, schema);
    }

}
