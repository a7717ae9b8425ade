package io.cutover.execution;

import io.cutover.runbook.NothingFound;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Judges a search whose good outcome is finding nothing (database errors in the app's
 * log): a line that matches and was logged since the moment that matters fails the step.
 * Earlier lines are history, not evidence about the app as it runs now. A line whose time
 * cannot be read counts, because it cannot be shown to be old.
 */
final class NothingFoundScan {

    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");

    private NothingFoundScan() {
    }

    /**
     * @param since lines before this instant are ignored; null counts every line
     * @param sinceText what the instant is, for the message
     * @return why the step fails, or empty when nothing was found
     */
    static Optional<String> failure(NothingFound search, String output, Instant since, String sinceText,
            UnaryOperator<String> redact) {
        Pattern pattern = search.compiled();
        List<String> found = output.lines()
            .map(line -> ANSI.matcher(line).replaceAll("").strip())
            .filter(line -> pattern.matcher(line).find())
            .filter(line -> since == null || loggedAt(line).map(at -> !at.isBefore(since)).orElse(true))
            .toList();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(found.size() + " line" + (found.size() == 1 ? "" : "s") + " matching " + search.pattern()
                + (since == null ? "" : " since " + sinceText + " (" + since + ")") + ", first: "
                + redact.apply(found.get(0)));
    }

    /** flyctl logs lines start with an RFC 3339 timestamp. */
    static Optional<Instant> loggedAt(String line) {
        int space = line.indexOf(' ');
        String first = space < 0 ? line : line.substring(0, space);
        try {
            return Optional.of(OffsetDateTime.parse(first).toInstant());
        }
        catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

}
