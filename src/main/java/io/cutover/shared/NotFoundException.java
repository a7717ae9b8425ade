package io.cutover.shared;

/** The thing asked for does not exist. */
public class NotFoundException extends CutoverException {

    public NotFoundException(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 404;
    }

}
