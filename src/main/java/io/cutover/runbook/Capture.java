package io.cutover.runbook;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parameter value read from a step's output: the first match of {@code pattern}'s group 1
 * becomes the value of {@code parameter}, after the {@code replace} rules (regular expression to
 * replacement) — for a value the tool does not print but that follows from one it does, such as
 * Fly's direct address next to the pooled one. When a rule matches nothing, nothing is captured.
 */
public record Capture(String parameter, String pattern, Map<String, String> replace) {

    public Capture {
        replace = replace == null ? Map.of() : new LinkedHashMap<>(replace);
    }

    public Optional<String> from(String output) {
        Matcher m = Pattern.compile(pattern).matcher(output);
        if (!m.find()) {
            return Optional.empty();
        }
        String value = m.groupCount() >= 1 ? m.group(1) : m.group();
        for (Map.Entry<String, String> rule : replace.entrySet()) {
            Matcher r = Pattern.compile(rule.getKey()).matcher(value);
            if (!r.find()) {
                return Optional.empty();
            }
            value = r.replaceAll(rule.getValue());
        }
        return Optional.of(value);
    }
}
