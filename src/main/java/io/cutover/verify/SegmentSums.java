package io.cutover.verify;

import java.math.BigInteger;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One side's row count and checksum per segment of one table. Parts read separately
 * (block ranges of a big table, read in parallel) add up: counts and sums are exact.
 */
final class SegmentSums {

    private final Map<Integer, long[]> rows = new TreeMap<>();

    private final Map<Integer, BigInteger> sums = new TreeMap<>();

    private volatile boolean valid = true;

    /** This side could not cut the table by the source's key: only its totals count. */
    void invalidate() {
        valid = false;
    }

    boolean valid() {
        return valid;
    }

    synchronized void add(int segment, long count, BigInteger sum) {
        rows.computeIfAbsent(segment, s -> new long[1])[0] += count;
        sums.merge(segment, sum, BigInteger::add);
    }

    synchronized long rows() {
        return rows.values().stream().mapToLong(r -> r[0]).sum();
    }

    synchronized BigInteger checksum() {
        return sums.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
    }

    synchronized long rows(int segment) {
        long[] r = rows.get(segment);
        return r == null ? 0 : r[0];
    }

    synchronized BigInteger sum(int segment) {
        return sums.getOrDefault(segment, BigInteger.ZERO);
    }

    /** Segments whose count or checksum differs from the other side's, ascending. */
    TreeSet<Integer> differing(SegmentSums other) {
        TreeSet<Integer> all = new TreeSet<>(segmentsPresent());
        all.addAll(other.segmentsPresent());
        TreeSet<Integer> out = new TreeSet<>();
        for (int s : all) {
            if (rows(s) != other.rows(s) || !Objects.equals(sum(s), other.sum(s))) {
                out.add(s);
            }
        }
        return out;
    }

    synchronized TreeSet<Integer> segmentsPresent() {
        return new TreeSet<>(rows.keySet());
    }

}
