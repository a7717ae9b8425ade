package io.cutover.verify;

import java.util.List;

/**
 * One difference between source and target.
 *
 * @param object the table, index, sequence … concerned
 * @param difference what differs, in words ("row count", "index missing on target")
 * @param source the source's value, whole (a definition is never cut)
 * @param blocking false for differences that cannot lose data (an extension only on the
 * target)
 * @param diff for two definitions, the lines where they differ ("- " source, "+ "
 * target); empty otherwise
 */
public record Mismatch(String object, String difference, String source, String target, boolean blocking,
        List<String> diff) {

    public Mismatch {
        diff = diff == null ? List.of() : List.copyOf(diff);
    }

    public Mismatch(String object, String difference, String source, String target, boolean blocking) {
        this(object, difference, source, target, blocking, List.of());
    }

    static Mismatch ofDefinitions(String object, String difference, String source, String target) {
        return new Mismatch(object, difference, source, target, true, DefinitionDiff.lines(source, target));
    }

    /**
     * Each side's value as a table cell: for definitions, the stretch around where they
     * differ.
     */
    String[] cells() {
        if (diff.isEmpty() || source == null || target == null) {
            return new String[] { source, target };
        }
        return DefinitionDiff.excerpts(source, target);
    }
}
