package io.cutover.logstream;

/** What an event of a run's log is. */
public enum Channel {

    /** Standard output of the child process. */
    OUT,
    /** Standard error of the child process. */
    ERR,
    /** A line the panel writes itself (what it runs, why it stopped). */
    SYS,
    /** A status change of the run (JSON). */
    STATUS,
    /** A troubleshooting hint matched a line (JSON). */
    HINT,
    /**
     * How far a long step has come (JSON: rows, bytes, rate, time left); each one
     * supersedes the one before.
     */
    PROGRESS,
    /** The run ended (JSON, the final status); nothing follows. */
    END;

    String code() {
        return name().toLowerCase();
    }

    static Channel of(String code) {
        return valueOf(code.toUpperCase());
    }

}
