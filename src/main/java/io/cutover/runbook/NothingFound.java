package io.cutover.runbook;

import java.util.regex.Pattern;

/**
 * For a command whose good outcome is "nothing found" (a search of the app's log for
 * database errors): output lines matching {@code pattern} that were logged at or after
 * the latest completion of step {@code since} fail the step. Lines without a readable
 * timestamp count.
 */
public record NothingFound(String pattern, String since) {

    public Pattern compiled() {
        return Pattern.compile(pattern);
    }
}
