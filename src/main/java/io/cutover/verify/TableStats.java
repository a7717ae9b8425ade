package io.cutover.verify;

/**
 * What one side knows of one table.
 *
 * @param rows exact row count (count(*), not the statistics estimate)
 * @param checksum sum of a 64-bit hash of every row (of its stored values or of its text), order-independent; null when not computed
 * @param bytes total size with indexes and TOAST
 */
public record TableStats(TableRef table, long rows, String checksum, long bytes) {}
