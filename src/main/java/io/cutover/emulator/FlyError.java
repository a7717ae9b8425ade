package io.cutover.emulator;

/**
 * A failure that flyctl would report as {@code Error: <message>} on stderr with exit
 * status 1. The message is printed verbatim, so it carries flyctl's wording where flyctl
 * has one. A parse error also carries what cobra prints on stdout before it (the usage
 * text).
 */
class FlyError extends RuntimeException {

    private final String stdout;

    FlyError(String message) {
        this(message, "");
    }

    FlyError(String message, String stdout) {
        super(message);
        this.stdout = stdout;
    }

    FlyError(String message, Throwable cause) {
        super(message, cause);
        this.stdout = "";
    }

    String stdout() {
        return stdout;
    }

}
