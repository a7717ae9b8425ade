package io.cutover.shared;

/**
 * A rule forbids this person the action even though their role allows it (separation of
 * duties).
 */
public class ForbiddenException extends CutoverException {

    public ForbiddenException(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 403;
    }

}
