package io.cutover.shared;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A PostgreSQL connection URL split into the part that may be shown and the password that may not.
 * Parsing is lenient about unencoded characters in the password, as copied URLs often have them.
 */
public record ConnectionUrl(String scheme, String user, String hostPort, String path, String query) {

    /** Parses {@code postgres://user:password@host:port/db?params}; the password is returned separately. */
    public static Parsed parse(String text) {
        String s = text == null ? "" : text.strip();
        int schemeEnd = s.indexOf("://");
        if (schemeEnd < 0) {
            throw new InvalidInputException("'" + SecretFree.describe(s) + "' is not a connection URL (expected postgres://user@host:port/database)");
        }
        String scheme = s.substring(0, schemeEnd);
        if (!scheme.equals("postgres") && !scheme.equals("postgresql")) {
            throw new InvalidInputException("A connection URL must start with postgres:// or postgresql://, not " + scheme + "://");
        }
        String rest = s.substring(schemeEnd + 3);
        int queryAt = rest.indexOf('?');
        String query = queryAt < 0 ? "" : rest.substring(queryAt + 1);
        String beforeQuery = queryAt < 0 ? rest : rest.substring(0, queryAt);
        int at = beforeQuery.lastIndexOf('@');
        String userInfo = at < 0 ? "" : beforeQuery.substring(0, at);
        String hostAndPath = at < 0 ? beforeQuery : beforeQuery.substring(at + 1);
        int slash = hostAndPath.indexOf('/');
        String hostPort = slash < 0 ? hostAndPath : hostAndPath.substring(0, slash);
        String path = slash < 0 ? "" : hostAndPath.substring(slash + 1);
        if (hostPort.isBlank()) {
            throw new InvalidInputException("The connection URL names no host");
        }
        int colon = userInfo.indexOf(':');
        String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
        String password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        return new Parsed(new ConnectionUrl(scheme, user, hostPort, decode(path), query), Optional.ofNullable(password).filter(p -> !p.isEmpty()));
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
        try {
            return Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new InvalidInputException("The port in '" + hostPort + "' is not a number");
        }
    }

    public String database() {
        return path.isEmpty() ? (user.isEmpty() ? "postgres" : user) : path;
    }

    /** The equivalent JDBC URL (user and password are given to the driver separately). */
    public String jdbcUrl() {
        String address = isLoopbackName() ? "127.0.0.1:" + port() : hostPort;
        String params = String.join("&", java.util.Arrays.stream(query.split("&")).filter(p -> !p.isEmpty() && !p.startsWith("hostaddr=")).toList());
        return "jdbc:postgresql://" + address + "/" + URLEncoder.encode(database(), StandardCharsets.UTF_8).replace("+", "%20")
                + (params.isEmpty() ? "" : "?" + params);
    }

    /**
     * Names under the reserved {@code .localhost} domain are loopback (RFC 6761), but the system
     * resolver does not know that; libpq tools get {@code hostaddr} and JDBC gets the address.
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

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /** A parsed URL and the password it carried, if any. */
    public record Parsed(ConnectionUrl url, Optional<String> password) {}

    /** Describes rejected input without echoing anything that could be a password. */
    private static final class SecretFree {
        static String describe(String s) {
            return s.length() > 40 || s.contains("@") || s.contains(":") ? "the value given" : s;
        }
    }
}
