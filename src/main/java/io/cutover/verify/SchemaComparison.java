package io.cutover.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Compares two catalog snapshots object by object and names every difference. */
final class SchemaComparison {

    private SchemaComparison() {
    }

    /**
     * @param source kind ("index", "sequence" …) to object name to definition
     */
    static List<Mismatch> compare(Map<String, Map<String, String>> source, Map<String, Map<String, String>> target) {
        List<Mismatch> out = new ArrayList<>();
        for (SchemaObjects.Kind kind : SchemaObjects.KINDS) {
            Map<String, String> s = source.getOrDefault(kind.kind(), Map.of());
            Map<String, String> t = target.getOrDefault(kind.kind(), Map.of());
            TreeSet<String> names = new TreeSet<>(s.keySet());
            names.addAll(t.keySet());
            for (String name : names) {
                String sv = s.get(name);
                String tv = t.get(name);
                if (kind.attribute() && (sv == null || tv == null)) {
                    continue;
                }
                if (tv == null) {
                    out.add(new Mismatch(name, kind.kind() + " missing on target", sv, "—", true));
                }
                else if (sv == null) {
                    // The managed cluster may ship extensions of its own; that loses
                    // nothing.
                    out.add(new Mismatch(name, kind.kind() + " only on target", "—", tv,
                            !kind.kind().equals("extension")));
                }
                else if (!sv.equals(tv)) {
                    out.add(Mismatch.ofDefinitions(name, kind.differs(), sv, tv));
                }
            }
        }
        return out;
    }

}
