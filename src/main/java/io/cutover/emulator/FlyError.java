package io.cutover.emulator;

/**
 * A failure that flyctl would report as {@code Error: <message>} on stderr with exit status 1.
 * The message is printed verbatim, so it carries flyctl's wording where flyctl has one.
 */
final class FlyError extends RuntimeException {

    FlyError(String message) {
        super(message);
    }

    FlyError(String message, Throwable cause) {
        super(message, cause);
    }
}
