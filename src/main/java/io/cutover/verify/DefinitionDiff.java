package io.cutover.verify;

import java.util.ArrayList;
import java.util.List;

/**
 * Two definitions of one object shown where they differ: a line diff for the log and the
 * report file, and for the result table the stretch of each around the difference (never
 * cut before it, never an md5 of it).
 */
final class DefinitionDiff {

    private static final int CONTEXT_LINES = 2;

    private static final int CONTEXT_CHARS = 40;

    /**
     * Beyond this many differing lines in the middle, the diff shows them as removed and
     * added without aligning them.
     */
    private static final int ALIGN_LIMIT = 3000;

    private DefinitionDiff() {
    }

    /**
     * Lines prefixed "- " (source only), "+ " (target only) and " " (both, near a
     * change).
     */
    static List<String> lines(String source, String target) {
        String[] a = source.split("\n", -1);
        String[] b = target.split("\n", -1);
        int head = 0;
        while (head < a.length && head < b.length && a[head].equals(b[head])) {
            head++;
        }
        int tail = 0;
        while (tail < a.length - head && tail < b.length - head
                && a[a.length - 1 - tail].equals(b[b.length - 1 - tail])) {
            tail++;
        }
        List<String> marked = new ArrayList<>();
        for (int i = 0; i < head; i++) {
            marked.add("  " + a[i]);
        }
        marked.addAll(middle(a, b, head, a.length - tail, head, b.length - tail));
        for (int i = a.length - tail; i < a.length; i++) {
            marked.add("  " + a[i]);
        }
        return nearChanges(marked);
    }

    /**
     * Each side's text around the first difference: from a little before it to a little
     * after it ends.
     */
    static String[] excerpts(String source, String target) {
        int prefix = 0;
        while (prefix < source.length() && prefix < target.length() && source.charAt(prefix) == target.charAt(prefix)) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < source.length() - prefix && suffix < target.length() - prefix
                && source.charAt(source.length() - 1 - suffix) == target.charAt(target.length() - 1 - suffix)) {
            suffix++;
        }
        int from = Math.max(0, prefix - CONTEXT_CHARS);
        // Start at a word, not inside one; both sides agree up to the prefix, so one
        // start fits both.
        while (from > 0 && from > prefix - 2 * CONTEXT_CHARS && !Character.isWhitespace(source.charAt(from - 1))) {
            from--;
        }
        return new String[] { stretch(source, from, source.length() - suffix),
                stretch(target, from, target.length() - suffix) };
    }

    private static String stretch(String s, int from, int differenceEnd) {
        int to = Math.min(s.length(), differenceEnd + CONTEXT_CHARS);
        return (from > 0 ? "…" : "") + s.substring(from, to).replace('\n', ' ') + (to < s.length() ? "…" : "");
    }

    /**
     * Longest common subsequence of the differing middle, so a changed line shows as one
     * "-" and one "+".
     */
    private static List<String> middle(String[] a, String[] b, int a0, int a1, int b0, int b1) {
        int n = a1 - a0;
        int m = b1 - b0;
        List<String> out = new ArrayList<>();
        if ((long) n * m > (long) ALIGN_LIMIT * ALIGN_LIMIT) {
            for (int i = a0; i < a1; i++) {
                out.add("- " + a[i]);
            }
            for (int j = b0; j < b1; j++) {
                out.add("+ " + b[j]);
            }
            return out;
        }
        int[][] common = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                common[i][j] = a[a0 + i].equals(b[b0 + j]) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a[a0 + i].equals(b[b0 + j])) {
                out.add("  " + a[a0 + i++]);
                j++;
            }
            else if (j < m && (i == n || common[i][j + 1] >= common[i + 1][j])) {
                out.add("+ " + b[b0 + j++]);
            }
            else {
                out.add("- " + a[a0 + i++]);
            }
        }
        return out;
    }

    /**
     * Keeps the changed lines and a few unchanged ones around each; "…" stands for what
     * is left out.
     */
    private static List<String> nearChanges(List<String> marked) {
        boolean[] keep = new boolean[marked.size()];
        for (int i = 0; i < marked.size(); i++) {
            if (!marked.get(i).startsWith("  ")) {
                for (int k = Math.max(0, i - CONTEXT_LINES); k <= Math.min(marked.size() - 1, i + CONTEXT_LINES); k++) {
                    keep[k] = true;
                }
            }
        }
        List<String> out = new ArrayList<>();
        boolean skipped = false;
        for (int i = 0; i < marked.size(); i++) {
            if (keep[i]) {
                out.add(marked.get(i));
                skipped = false;
            }
            else if (!skipped) {
                out.add("  …");
                skipped = true;
            }
        }
        return out;
    }

}
