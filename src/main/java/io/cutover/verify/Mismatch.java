package io.cutover.verify;

/**
 * One difference between source and target.
 *
 * @param object the table, index, sequence … concerned
 * @param difference what differs, in words ("row count", "index missing on target")
 * @param blocking false for differences that cannot lose data (an extension only on the target)
 */
public record Mismatch(String object, String difference, String source, String target, boolean blocking) {}
