package io.cutover.runbook;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ${name}} placeholders of runbook text. Rendering substitutes values as whole
 * arguments; nothing is ever handed to a shell, so a value cannot break out of its
 * argument.
 */
public final class Template {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9_.-]*)}");

    /**
     * In SQL only: the connected database's name as a quoted identifier (REINDEX DATABASE
     * needs it on PostgreSQL 15).
     */
    public static final String DATABASE = "database";

    /** Built-in names every template may use besides parameters and artifacts. */
    public static final Set<String> BUILT_INS = Set.of("timestamp", "date", "workdir", DATABASE);

    public static final String ARTIFACT_PREFIX = "artifact.";

    private Template() {
    }

    public static Set<String> placeholders(String text) {
        Set<String> names = new LinkedHashSet<>();
        if (text != null) {
            Matcher m = PLACEHOLDER.matcher(text);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    public static String render(String text, Function<String, String> valueOf) {
        if (text == null) {
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(valueOf.apply(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

}
