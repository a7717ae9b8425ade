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
 * Masks secrets in text meant for people: every known secret value (also percent-encoded, as it
 * appears inside URLs) and any password inside a connection URL or a libpq keyword string become
 * {@code ****}. Every line of output passes through one of these before it is stored or sent.
 */
public final class SecretRedactor {

    public static final String MASK = "****";

    /** user:password@ in any scheme://, whatever the password is. */
    private static final Pattern URL_PASSWORD = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://[^:/@\\s\"']*:)([^@\\s\"'/]+)(@)");
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

    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        out = URL_PASSWORD.matcher(out).replaceAll("$1" + MASK + "$3");
        return KEYWORD_PASSWORD.matcher(out).replaceAll("$1" + MASK);
    }
}
