package io.cutover.shared;

/**
 * The action does not fit the current state (for example a gate that is not signed yet).
 */
public class ConflictException extends CutoverException {

    public ConflictException(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 409;
    }

}
