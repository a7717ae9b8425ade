package io.cutover.shared;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The forms a PostgreSQL connection string comes in besides a URL, each turned into the
 * URL form {@link ConnectionUrl#parse} reads: libpq's keyword/value form
 * ({@code host=h port=5432
 * dbname=d user=u password='p w'}) and a {@code .pgpass} line
 * ({@code host:port:database:user:password}). Messages never echo a value that could be
 * the password.
 */
final class ConnectionStringForms {

    static final List<String> SSL_MODES = List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    private static final Pattern KEYWORD_FORM = Pattern.compile("^\\s*[A-Za-z_]+\\s*=.*", Pattern.DOTALL);

    private static final Set<String> URL_PARTS = Set.of("host", "port", "dbname", "user", "password");

    private ConnectionStringForms() {
    }

    static boolean isKeywordForm(String s) {
        return !s.contains("://") && KEYWORD_FORM.matcher(s).matches();
    }

    /** Five fields separated by unescaped colons, as libpq reads a passfile line. */
    static boolean isPassfileLine(String s) {
        return !s.contains("://") && fields(s).size() == 5;
    }

    /**
     * {@code host=h port=p ...} as a URL (password included: the caller separates it like
     * any other).
     */
    static String keywordsToUrl(String s) {
        Map<String, String> values = keywords(s);
        Map<String, String> query = new LinkedHashMap<>(values);
        URL_PARTS.forEach(query::remove);
        if (values.containsKey("password")) {
            query.put("password", values.get("password"));
        }
        return url(values.getOrDefault("host", ""), values.getOrDefault("port", ""), values.getOrDefault("dbname", ""),
                values.getOrDefault("user", ""), query);
    }

    /**
     * {@code host:port:database:user:password}; a {@code *} database means the user's
     * own.
     */
    static String passfileLineToUrl(String s) {
        List<String> f = fields(s);
        if (f.get(0).equals("*") || f.get(3).equals("*")) {
            throw new InvalidInputException("A .pgpass line used as a connection must name its host and user, not *");
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("password", f.get(4));
        return url(f.get(0), f.get(1).equals("*") ? "" : f.get(1), f.get(2).equals("*") ? "" : f.get(2), f.get(3),
                query);
    }

    private static String url(String host, String port, String database, String user, Map<String, String> query) {
        if (host.isBlank()) {
            throw new InvalidInputException("The connection string names no host (host=...)");
        }
        StringBuilder b = new StringBuilder("postgresql://");
        if (!user.isEmpty()) {
            b.append(encode(user)).append('@');
        }
        b.append(host.contains(":") ? "[" + host + "]" : host);
        if (!port.isEmpty()) {
            b.append(':').append(port);
        }
        b.append('/').append(encode(database));
        List<String> params = new ArrayList<>();
        query.forEach((k, v) -> params.add(encode(k) + "=" + encode(v)));
        if (!params.isEmpty()) {
            b.append('?').append(String.join("&", params));
        }
        return b.toString();
    }

    /**
     * libpq's rules: {@code key = value}, a value single-quoted when it holds spaces,
     * backslash escapes.
     */
    private static Map<String, String> keywords(String s) {
        Map<String, String> values = new LinkedHashMap<>();
        int i = 0;
        int n = s.length();
        while (true) {
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return values;
            }
            int keyStart = i;
            while (i < n && s.charAt(i) != '=' && !Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            String key = s.substring(keyStart, i);
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= n || s.charAt(i) != '=' || key.isEmpty()) {
                throw new InvalidInputException(
                        "The connection string has a keyword without '=value' (expected host=... port=... dbname=... user=...)");
            }
            i++;
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            StringBuilder value = new StringBuilder();
            boolean quoted = i < n && s.charAt(i) == '\'';
            if (quoted) {
                i++;
            }
            while (i < n && (quoted ? s.charAt(i) != '\'' : !Character.isWhitespace(s.charAt(i)))) {
                if (s.charAt(i) == '\\' && i + 1 < n) {
                    i++;
                }
                value.append(s.charAt(i++));
            }
            if (quoted) {
                if (i >= n) {
                    throw new InvalidInputException(
                            "The connection string has an unterminated quoted value (for " + key + ")");
                }
                i++;
            }
            values.put(key.toLowerCase(), value.toString());
        }
    }

    private static List<String> fields(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                field.append(s.charAt(++i));
            }
            else if (c == ':') {
                out.add(field.toString());
                field.setLength(0);
            }
            else {
                field.append(c);
            }
        }
        out.add(field.toString());
        return out;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

}
