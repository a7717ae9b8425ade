package io.cutover.verify;

/**
 * What one side knows of one table.
 *
 * @param rows exact row count (count(*), not the statistics estimate)
 * @param checksum sum of a 64-bit hash of every row (of its stored values or of its
 * text), order-independent; null when not computed
 * @param bytes total size with indexes and TOAST
 * @param unreadable why this side's role could not read the table (then rows is -1), or
 * null
 */
public record TableStats(TableRef table, long rows, String checksum, long bytes, String unreadable) {

    public TableStats(TableRef table, long rows, String checksum, long bytes) {
        this(table, rows, checksum, bytes, null);
    }

    static TableStats unreadable(TableRef table, long bytes, String reason) {
        return new TableStats(table, -1, null, bytes, reason);
    }
}
