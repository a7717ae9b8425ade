package io.cutover.verify;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * What an online verification proved while the stream ran: every segment of every keyed
 * table that was equal on both sides, each side read at one snapshot. A segment the
 * stream has not touched since stays proven; inside the downtime only the others need
 * reading again.
 *
 * <p>
 * Kept by the caller between the online verification and the one inside the downtime; its
 * checksums are not (every verification chooses its own seed), only which segments were
 * equal.
 */
public final class OnlineBaseline {

    private final String sourcePosition;

    private final Instant at;

    private final Map<TableRef, Segmentation> plans;

    private final Map<TableRef, Set<Integer>> unproven;

    private final Instant onlineAt;

    private final int passes;

    OnlineBaseline(String sourcePosition, Instant at, Map<TableRef, Segmentation> plans,
            Map<TableRef, Set<Integer>> unproven) {
        this(sourcePosition, at, plans, unproven, at, 0);
    }

    private OnlineBaseline(String sourcePosition, Instant at, Map<TableRef, Segmentation> plans,
            Map<TableRef, Set<Integer>> unproven, Instant onlineAt, int passes) {
        this.sourcePosition = sourcePosition;
        this.at = at;
        this.plans = Map.copyOf(plans);
        this.unproven = Map.copyOf(unproven);
        this.onlineAt = onlineAt;
        this.passes = passes;
    }

    /**
     * The same proof carried to a newer position by a background pass: every row the
     * stream changed up to it was compared there (those still open are kept in the record
     * of touched rows by the caller).
     */
    OnlineBaseline advancedTo(String position, Instant when) {
        return new OnlineBaseline(position, when, plans, unproven, onlineAt, passes + 1);
    }

    /** When the online verification itself ran. */
    public Instant onlineAt() {
        return onlineAt;
    }

    /** Background passes that carried the proof forward since the online verification. */
    public int passes() {
        return passes;
    }

    /** Where the proof stands, in words, for a coverage line. */
    public String provenAt() {
        return "source position " + sourcePosition + (passes == 0 ? " (online verification at " + at + ")"
                : " (background pass " + passes + " at " + at + "; online verification at " + onlineAt + ")");
    }

    /** The source's WAL position at its snapshot (or the latest background pass's). */
    public String sourcePosition() {
        return sourcePosition;
    }

    public Instant at() {
        return at;
    }

    /** Segments in all keyed tables. */
    public int segments() {
        return plans.values().stream().mapToInt(Segmentation::segments).sum();
    }

    /**
     * Segments that differed at the online verification (changes in flight, or a real
     * difference).
     */
    public int unprovenSegments() {
        return unproven.values().stream().mapToInt(Set::size).sum();
    }

    Map<TableRef, Segmentation> plans() {
        return plans;
    }

    Set<Integer> unproven(TableRef table) {
        return unproven.getOrDefault(table, Set.of());
    }

}
