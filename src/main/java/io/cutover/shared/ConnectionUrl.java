package io.cutover.shared;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A PostgreSQL connection string split into the part that may be shown and the password
 * that may not. The one parser of connection strings: every form a password can ride in
 * (the URL's userinfo, a {@code ?password=} parameter, libpq's keyword/value form, a
 * {@code .pgpass} line) is read here, the password separated, and the rest kept as a URL
 * without it. What is malformed is refused with a message naming the part, never echoing
 * what could be the password. Parsing is lenient about unencoded characters in the
 * password, as copied URLs often have them.
 */
public record ConnectionUrl(String scheme, String user, String hostPort, String path, String query) {

    /**
     * Parses {@code postgres://user:password@host:port/db?params},
     * {@code host=... password=...} or {@code host:port:database:user:password}; the
     * password is returned separately.
     */
    public static Parsed parse(String text) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) {
            throw new InvalidInputException("The connection string is empty");
        }
        if (ConnectionStringForms.isKeywordForm(s)) {
            return parseUrl(ConnectionStringForms.keywordsToUrl(s));
        }
        if (ConnectionStringForms.isPassfileLine(s)) {
            return parseUrl(ConnectionStringForms.passfileLineToUrl(s));
        }
        return parseUrl(s);
    }

    /**
     * Only the URL form ({@code postgres://...}): for callers that must be as strict as a
     * tool that reads only URLs.
     */
    public static Parsed parseUrl(String text) {
        String s = text == null ? "" : text.strip();
        int schemeEnd = s.indexOf("://");
        if (schemeEnd < 0) {
            throw new InvalidInputException("'" + SecretFree.describe(s)
                    + "' is not a connection string (expected postgres://user@host:port/database,"
                    + " host=... port=... dbname=... user=..., or a .pgpass line host:port:database:user:password)");
        }
        String scheme = s.substring(0, schemeEnd);
        if (!scheme.equals("postgres") && !scheme.equals("postgresql")) {
            throw new InvalidInputException("A connection URL must start with postgres:// or postgresql://, not "
                    + SecretFree.describe(scheme) + "://");
        }
        String rest = s.substring(schemeEnd + 3);
        int queryAt = rest.indexOf('?');
        String beforeQuery = queryAt < 0 ? rest : rest.substring(0, queryAt);
        int at = beforeQuery.lastIndexOf('@');
        String userInfo = at < 0 ? "" : beforeQuery.substring(0, at);
        String hostAndPath = at < 0 ? beforeQuery : beforeQuery.substring(at + 1);
        int slash = hostAndPath.indexOf('/');
        String hostPort = slash < 0 ? hostAndPath : hostAndPath.substring(0, slash);
        String path = slash < 0 ? "" : hostAndPath.substring(slash + 1);
        checkHostPort(hostPort);
        int colon = userInfo.indexOf(':');
        String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
        String password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        QueryParameters query = QueryParameters.read(queryAt < 0 ? "" : rest.substring(queryAt + 1));
        // libpq reads the parameters after the userinfo: a ?password= wins.
        Optional<String> pw = query.password().or(() -> Optional.ofNullable(password)).filter(p -> !p.isEmpty());
        return new Parsed(new ConnectionUrl(scheme, user, hostPort, decode(path), query.withoutPassword()), pw);
    }

    /**
     * A host (a bracketed IPv6 address or a name), and a port from 1 to 65535 if one is
     * given.
     */
    private static void checkHostPort(String hostPort) {
        String host;
        String port;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw new InvalidInputException(
                        "The host's IPv6 address is missing its closing ']' (expected [address]:port)");
            }
            host = hostPort.substring(1, close);
            String after = hostPort.substring(close + 1);
            if (!after.isEmpty() && !after.startsWith(":")) {
                throw new InvalidInputException("Only ':port' may follow the host's ']'");
            }
            port = after.isEmpty() ? null : after.substring(1);
        }
        else {
            int colon = hostPort.lastIndexOf(':');
            host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            port = colon < 0 ? null : hostPort.substring(colon + 1);
        }
        if (host.isBlank()) {
            throw new InvalidInputException("The connection string names no host");
        }
        if (host.contains(",") || port != null && port.contains(",")) {
            throw new InvalidInputException("The connection string names several hosts; give exactly one");
        }
        if (!hostPort.startsWith("[") && host.contains(":")) {
            throw new InvalidInputException("An IPv6 host must be in brackets: [address]:port");
        }
        if (port != null && !port.matches("[0-9]{1,5}")
                || port != null && (Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535)) {
            throw new InvalidInputException(
                    "The port must be a number from 1 to 65535" + (port.matches("[0-9]{1,9}") ? ", not " + port : ""));
        }
    }

    /** The URL as it may be shown and put in argv: no password. */
    public String withoutPassword() {
        return build(null);
    }

    /** The full URL, for channels a process list does not show (stdin, environment). */
    public String withPassword(String password) {
        return build(password);
    }

    public String host() {
        if (hostPort.startsWith("[")) {
            return hostPort.substring(1, hostPort.indexOf(']'));
        }
        int colon = hostPort.lastIndexOf(':');
        return colon < 0 ? hostPort : hostPort.substring(0, colon);
    }

    public int port() {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0 || hostPort.endsWith("]")) {
            return 5432;
        }
        return Integer.parseInt(hostPort.substring(colon + 1));
    }

    public String database() {
        return path.isEmpty() ? (user.isEmpty() ? "postgres" : user) : path;
    }

    /** The equivalent JDBC URL (user and password are given to the driver separately). */
    public String jdbcUrl() {
        String address = isLoopbackName() ? "127.0.0.1:" + port() : hostPort;
        String params = String.join("&",
                java.util.Arrays.stream(query.split("&"))
                    .filter(p -> !p.isEmpty() && !p.startsWith("hostaddr="))
                    .toList());
        return "jdbc:postgresql://" + address + "/"
                + URLEncoder.encode(database(), StandardCharsets.UTF_8).replace("+", "%20")
                + (params.isEmpty() ? "" : "?" + params);
    }

    /**
     * Names under the reserved {@code .localhost} domain are loopback (RFC 6761), but the
     * system resolver does not know that; libpq tools get {@code hostaddr} and JDBC gets
     * the address.
     */
    public boolean isLoopbackName() {
        String h = host().toLowerCase();
        return h.endsWith(".localhost");
    }

    private String build(String password) {
        StringBuilder b = new StringBuilder(scheme).append("://");
        if (!user.isEmpty()) {
            b.append(encode(user));
            if (password != null) {
                b.append(':').append(encode(password));
            }
            b.append('@');
        }
        b.append(hostPort);
        if (!path.isEmpty()) {
            b.append('/').append(encode(path));
        }
        String params = query;
        if (isLoopbackName() && !query.contains("hostaddr=")) {
            params = query.isEmpty() ? "hostaddr=127.0.0.1" : query + "&hostaddr=127.0.0.1";
        }
        if (!params.isEmpty()) {
            b.append('?').append(params);
        }
        return b.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException e) {
            return s;
        }
    }

    /** A parsed URL and the password it carried, if any. */
    public record Parsed(ConnectionUrl url, Optional<String> password) {
    }

    /** Describes rejected input without echoing anything that could be a password. */
    private static final class SecretFree {

        static String describe(String s) {
            return s.length() > 40 || s.contains("@") || s.contains(":") ? "the value given" : s;
        }

    }
}
