package io.cutover.verify;

import io.cutover.migration.ExecutionValues;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * A pass that keeps the online verification's proof up to date while the stream runs: the
 * rows the stream changed since the last pass are compared by key on both sides, each
 * read at one applied position (the source at a snapshot of it, the target with the
 * stream held there), so a difference is a real one. Rows that differ, and what cannot be
 * compared by key here (composite keys, tables changed wholesale or new since), stay open
 * for the next pass and for the verification inside the downtime.
 */
final class BackgroundPass {

    /**
     * Keys compared in one statement per side; the pass can stop between two, so that the
     * downtime does not wait for it.
     */
    static final int CHUNK = 10_000;

    private final VerifyProperties properties;

    BackgroundPass(VerifyProperties properties) {
        this.properties = properties;
    }

    Verifier.Pass run(ExecutionValues.Connection source, String sourceSnapshot, ExecutionValues.Connection target,
            String targetSnapshot, String position, OnlineBaseline baseline, TouchedRows touched,
            BooleanSupplier stopped) throws Exception {
        RowLocator locator = new RowLocator(source, sourceSnapshot, target, targetSnapshot, TableChecksum.random(),
                properties.connectTimeout());
        Map<TableRef, Map<String, Set<String>>> open = new HashMap<>();
        Set<TableRef> openWhole = new HashSet<>(touched.whole());
        List<Mismatch> differences = new ArrayList<>();
        long compared = 0;
        Set<String> segments = new HashSet<>();
        for (Map.Entry<TableRef, Map<String, Set<String>>> e : touched.keys().entrySet()) {
            TableRef table = e.getKey();
            Segmentation plan = baseline.plans().get(table);
            if (plan == null || plan.keyColumns().size() != 1) {
                open.put(table, e.getValue());
                continue;
            }
            List<String> keys = new ArrayList<>(touched.values(table, plan.segmentColumn()));
            for (int from = 0; from < keys.size(); from += CHUNK) {
                if (stopped.getAsBoolean()) {
                    return null;
                }
                List<String> chunk = keys.subList(from, Math.min(keys.size(), from + CHUNK));
                RowLocator.Located located = locator.compareKeys(table, plan, chunk);
                compared += chunk.size();
                located.segments().forEach(s -> segments.add(table + "#" + s));
                if (!located.mismatches().isEmpty()) {
                    differences.addAll(located.mismatches());
                    open.computeIfAbsent(table, t -> new HashMap<>())
                        .computeIfAbsent(plan.segmentColumn(), c -> new HashSet<>())
                        .addAll(chunk);
                }
            }
        }
        return new Verifier.Pass(baseline.advancedTo(position, Instant.now()), new TouchedRows(open, openWhole),
                differences, compared, segments.size());
    }

}
