package io.cutover.sync;

import java.time.Duration;

/**
 * The data part of the downtime each strategy is expected to take (writes stopped until
 * the target is verified equal), from this migration's own measurements. The rest of the
 * window — stopping the app, attaching, deploying, starting — is the same for both.
 */
public record DowntimeForecast(Estimate fullRedump, Estimate continuousSync) {

    /**
     * @param expected null when nothing has been measured yet
     * @param basis which measurements it comes from, in words
     */
    public record Estimate(Duration expected, String basis) {
    }
}
