package io.cutover.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Compares two catalog snapshots object by object and names every difference. */
final class SchemaComparison {

    private SchemaComparison() {}

    /**
     * @param source kind ("index", "sequence" …) to object name to definition
     */
    static List<Mismatch> compare(Map<String, Map<String, String>> source, Map<String, Map<String, String>> target) {
        List<Mismatch> out = new ArrayList<>();
        for (String kind : source.keySet()) {
            Map<String, String> s = source.get(kind);
            Map<String, String> t = target.getOrDefault(kind, Map.of());
            TreeSet<String> names = new TreeSet<>(s.keySet());
            names.addAll(t.keySet());
            for (String name : names) {
                String sv = s.get(name);
                String tv = t.get(name);
                if (tv == null) {
                    out.add(new Mismatch(name, kind + " missing on target", sv, "—", true));
                } else if (sv == null) {
                    // The managed cluster may ship extensions of its own; that loses nothing.
                    out.add(new Mismatch(name, kind + " only on target", "—", tv, !kind.equals("extension")));
                } else if (!sv.equals(tv)) {
                    out.add(new Mismatch(name, kind.equals("sequence") ? "sequence value" : kind + " definition differs", sv, tv, true));
                }
            }
        }
        return out;
    }
}
