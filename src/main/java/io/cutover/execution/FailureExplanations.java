package io.cutover.execution;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what a failed command printed last, and how each stage ended, into one sentence a
 * person can act on — instead of "Exited with code 1" or "141". Only causes recognisable
 * beyond doubt are named; anything else keeps the plain exit code.
 */
final class FailureExplanations {

    /** A process ended by SIGPIPE: 128 + 13. */
    static final int BROKEN_PIPE = 141;

    private static final Pattern DNS = Pattern.compile(
            "could not translate host name \"([^\"]+)\"|Name or service not known|Temporary failure in name resolution");

    private static final Pattern NOT_POSTGRES = Pattern.compile(
            "received invalid response to SSL negotiation|expected authentication request from server, but received|invalid (startup|authentication) packet|"
                    + "server closed the connection unexpectedly");

    private static final Pattern ADDRESS = Pattern
        .compile("connection to server at \"([^\"]+)\"(?: \\([^)]*\\))?, port (\\d+) failed");

    private static final Pattern REFUSED = Pattern.compile("Connection refused");

    private static final Pattern DISK_FULL = Pattern
        .compile("No space left on device|could not extend file|Disk quota exceeded");

    private static final Pattern UNREADABLE = Pattern
        .compile("permission denied for (table|relation|sequence|schema) (\\S+)");

    private FailureExplanations() {
    }

    /**
     * @param stderr the last error lines of every stage, oldest first
     * @param commands each stage's argv, in pipeline order
     * @param codes each stage's exit code
     */
    static Optional<String> explain(List<String> stderr, List<List<String>> commands, List<Integer> codes,
            List<Integer> success) {
        String text = String.join("\n", stderr);
        String where = address(text);
        Matcher m;
        if (DISK_FULL.matcher(text).find()) {
            return Optional
                .of("The disk is full (No space left on device): free space in the panel's data directory or the server's volume, then run the step again");
        }
        if ((m = DNS.matcher(text)).find()) {
            String host = m.group(1) != null ? "'" + m.group(1) + "'" : "the host";
            return Optional
                .of("Host " + host + " cannot be found (DNS): check the host name, or start the proxy it needs");
        }
        if (NOT_POSTGRES.matcher(text).find()) {
            return Optional.of("Something answers at " + where
                    + ", but it is not PostgreSQL: check the port (a web server, a proxy or another service listens there)");
        }
        if (REFUSED.matcher(text).find()) {
            return Optional
                .of("Nothing answers at " + where + " (connection refused): is the server or proxy running?");
        }
        if ((m = UNREADABLE.matcher(text)).find()) {
            return Optional.of("The role may not read " + m.group(1) + " " + m.group(2)
                    + " (permission denied): grant it SELECT, or use a role that can read every table");
        }
        return brokenPipe(commands, codes, success);
    }

    /**
     * A stage ended by SIGPIPE stopped because the stage after it, which reads its
     * output, ended first.
     */
    private static Optional<String> brokenPipe(List<List<String>> commands, List<Integer> codes,
            List<Integer> success) {
        for (int i = 0; i < codes.size(); i++) {
            if (codes.get(i) == BROKEN_PIPE && !success.contains(BROKEN_PIPE)) {
                String writer = name(commands, i);
                String reader = i + 1 < commands.size() ? name(commands, i + 1) : "the reader of its output";
                return Optional.of(writer + " was stopped by a broken pipe (SIGPIPE, exit 141): " + reader
                        + ", which reads its output, ended before reading it all"
                        + (i + 1 < codes.size() ? " (exit " + codes.get(i + 1) + ")" : "")
                        + "; the output is incomplete");
            }
        }
        return Optional.empty();
    }

    private static String address(String text) {
        Matcher m = ADDRESS.matcher(text);
        return m.find() ? m.group(1) + ":" + m.group(2) : "the given address";
    }

    private static String name(List<List<String>> commands, int i) {
        return i < commands.size() ? Path.of(commands.get(i).get(0)).getFileName().toString() : "a command";
    }

}
