package io.cutover.runbook;

import java.util.regex.Pattern;

/**
 * A known failure from the seed's troubleshooting section: when a line of output matches
 * {@code pattern}, the run page shows {@code cause} and {@code fix} beside it.
 */
public record TroubleshootingHint(String id, String pattern, String cause, String fix) {

    public Pattern compiled() {
        return Pattern.compile(pattern);
    }
}
