package io.cutover.shared;

/**
 * A failure whose message is written for the person who caused it; web layers show it as
 * is. Subclasses say which HTTP status it maps to.
 */
public abstract class CutoverException extends RuntimeException {

    protected CutoverException(String message) {
        super(message);
    }

    /** The HTTP status this failure maps to. */
    public abstract int status();

}
