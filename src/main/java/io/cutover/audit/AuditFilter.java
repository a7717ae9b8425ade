package io.cutover.audit;

import io.cutover.shared.InvalidInputException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which entries an audit page shows, as its query parameters say; an empty value filters
 * nothing. Dates are whole UTC days (the panel shows every time in UTC), both ends
 * included.
 *
 * @param actor who acted, exactly
 * @param action an action ({@code run.finished}) or a kind of action, the part before the
 * dot ({@code run})
 * @param from the first day, {@code yyyy-MM-dd}
 * @param to the last day, {@code yyyy-MM-dd}
 */
record AuditFilter(String actor, String action, String from, String to) {

    static final AuditFilter NONE = new AuditFilter("", "", "", "");

    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

    private static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

    AuditFilter {
        actor = blankIfNull(actor);
        action = blankIfNull(action);
        from = blankIfNull(from);
        to = blankIfNull(to);
    }

    /** Refuses what cannot be a filter, before any query runs. */
    AuditFilter checked() {
        InvalidInputException.requireAtMost("actor", actor, 100);
        InvalidInputException.requireAtMost("action", action, 60);
        if (!action.matches("[a-z0-9.-]*")) {
            throw new InvalidInputException("An action is written like run.finished or run, not '" + action + "'",
                    Map.of("action", "Like run.finished or run"));
        }
        if (!from.isEmpty() && !to.isEmpty() && day("from", from).isAfter(day("to", to))) {
            throw new InvalidInputException("The first day (" + from + ") is after the last day (" + to + ")");
        }
        since();
        until();
        return this;
    }

    /** The exact action to match, or empty when a kind (or nothing) is asked for. */
    String exactAction() {
        return action.contains(".") ? action : "";
    }

    /** The kind of action to match, or empty. */
    String kind() {
        return action.contains(".") ? "" : action;
    }

    /** The first instant shown. */
    Instant since() {
        return from.isEmpty() ? EARLIEST : day("from", from).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The first instant no longer shown: the start of the day after the last day. */
    Instant until() {
        return to.isEmpty() ? LATEST : day("to", to).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    Map<String, String> asParameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("actor", actor);
        parameters.put("action", action);
        parameters.put("from", from);
        parameters.put("to", to);
        return parameters;
    }

    private static LocalDate day(String name, String value) {
        try {
            return LocalDate.parse(value);
        }
        catch (DateTimeParseException e) {
            throw new InvalidInputException(
                    "'" + name + "' must be a day written like 2026-11-30, not '"
                            + (value.length() > 20 ? value.substring(0, 20) + "…" : value) + "'",
                    Map.of(name, "A day like 2026-11-30"));
        }
    }

    private static String blankIfNull(String value) {
        return value == null ? "" : value.strip();
    }

}
