package io.cutover.verify;

/**
 * What a connection test found.
 *
 * @param error what is wrong, in words a person can act on; null when the connection
 * works
 */
public record ProbeResult(String target, boolean ok, String serverVersion, int serverMajor, long databaseBytes,
        long latencyMillis, String error) {

    static ProbeResult failed(String target, String error) {
        return new ProbeResult(target, false, null, 0, 0, 0, error);
    }
}
