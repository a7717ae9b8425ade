package io.cutover.secrets;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Masks secrets in text meant for people: every known secret value (also percent-encoded,
 * as it appears inside URLs) and any password inside a connection URL or a libpq keyword
 * string become {@code ****}. Every line of output passes through one of these before it
 * is stored or sent.
 */
public final class SecretRedactor {

    public static final String MASK = "****";

    /** password=... in libpq keyword/value strings and ?password= query parameters. */
    private static final Pattern KEYWORD_PASSWORD = Pattern.compile("(?i)(\\bpassword=)([^\\s&\"']+)");

    private final List<String> secrets;

    private SecretRedactor(Collection<String> values) {
        Set<String> variants = new LinkedHashSet<>();
        for (String value : values) {
            if (value != null && !value.isEmpty()) {
                variants.add(value);
                variants.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
                variants.add(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
            }
        }
        // Longest first, so a secret that contains another is masked whole.
        this.secrets = variants.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    public static SecretRedactor of(Collection<String> secretValues) {
        return new SecretRedactor(secretValues);
    }

    /** A redactor that knows no values but still masks URL and keyword passwords. */
    public static SecretRedactor urlPasswordsOnly() {
        return new SecretRedactor(List.of());
    }

    /**
     * Linear in the length of the text: a tool printing long lines must not wait for its
     * log.
     */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : secrets) {
            if (out.contains(secret)) {
                out = out.replace(secret, MASK);
            }
        }
        if (out.contains("://")) {
            out = maskUrlPasswords(out);
        }
        if (out.indexOf('=') >= 0 && out.toLowerCase().contains("password=")) {
            out = KEYWORD_PASSWORD.matcher(out).replaceAll("$1" + MASK);
        }
        return out;
    }

    /**
     * In scheme://user:password@host, masks the password, whatever it is, without
     * backtracking.
     */
    private static String maskUrlPasswords(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        int from = 0;
        int idx;
        while ((idx = text.indexOf("://", from)) >= 0) {
            int start = idx + 3;
            int end = start;
            while (end < text.length() && !endsAuthority(text.charAt(end))) {
                end++;
            }
            int at = text.lastIndexOf('@', end - 1);
            int colon = text.indexOf(':', start);
            if (at >= start && colon >= start && colon < at) {
                out.append(text, copied, colon + 1).append(MASK);
                copied = at;
            }
            from = Math.max(end, start);
        }
        return copied == 0 ? text : out.append(text, copied, text.length()).toString();
    }

    private static boolean endsAuthority(char c) {
        return c == '/' || c == '?' || c == '#' || c == '"' || c == '\'' || Character.isWhitespace(c);
    }

}
