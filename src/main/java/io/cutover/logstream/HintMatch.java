package io.cutover.logstream;

/** A troubleshooting hint that matched the line with sequence number {@code seq}. */
public record HintMatch(String hintId, long seq) {
}
