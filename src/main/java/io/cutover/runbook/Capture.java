package io.cutover.runbook;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parameter value read from a step's output: the first match of {@code pattern}'s group
 * 1 becomes the value of {@code parameter}, after the {@code replace} rules (regular
 * expression to replacement) — for a value the tool does not print but that follows from
 * one it does, such as Fly's direct address next to the pooled one. When a rule matches
 * nothing, nothing is captured. Placeholders in the pattern ({@code ${clusterName}})
 * stand for the parameter's value, matched literally.
 *
 * @param required a successful run whose output does not match fails: the output is the
 * step's evidence (a created snapshot, a completed backup, the plan actually chosen)
 * @param keepOnFailure captured even when the step fails or times out (the id of a
 * cluster whose creation is still running when the step's time is up)
 * @param when parameter values under which this capture applies (as a step's
 * {@code when})
 */
public record Capture(String parameter, String pattern, Map<String, String> replace, boolean required,
        boolean keepOnFailure, Map<String, String> when) {

    public Capture {
        replace = replace == null ? Map.of() : new LinkedHashMap<>(replace);
        when = when == null ? Map.of() : Map.copyOf(when);
    }

    public Capture(String parameter, String pattern, Map<String, String> replace) {
        this(parameter, pattern, replace, false, false, Map.of());
    }

    public boolean appliesWith(Function<String, String> values) {
        return when.entrySet().stream().allMatch(e -> e.getValue().equals(values.apply(e.getKey())));
    }

    public Optional<String> from(String output) {
        return from(output, name -> {
            throw new IllegalArgumentException(
                    "capture pattern of " + parameter + " names ${" + name + "} but no values were given");
        });
    }

    /**
     * The captured value, with {@code values} supplying the parameters the pattern names.
     */
    public Optional<String> from(String output, Function<String, String> values) {
        String regex = Template.placeholders(pattern).isEmpty() ? pattern
                : Template.render(pattern, name -> Pattern.quote(values.apply(name)));
        Matcher m = Pattern.compile(regex).matcher(output);
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
