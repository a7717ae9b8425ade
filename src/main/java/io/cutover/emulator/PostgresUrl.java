package io.cutover.emulator;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * A {@code postgres://user:password@host:port/db} connection URL. Host names under the reserved
 * {@code .localhost} domain (RFC 6761) are loopback, so they are connected to as 127.0.0.1; the
 * JDBC driver and libpq would otherwise try to resolve them through DNS.
 */
record PostgresUrl(String user, String password, String host, int port, String database) {

    static final int DEFAULT_PORT = 5432;

    static PostgresUrl parse(String url) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new FlyError("invalid Postgres connection URL: " + e.getMessage());
        }
        if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new FlyError("invalid Postgres connection URL: expected postgres://user@host/db");
        }
        String user = "postgres";
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("^/", "");
        String database = path.isEmpty() ? user : decode(path);
        return new PostgresUrl(user, password, uri.getHost(), uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(), database);
    }

    /** The address to connect to: loopback for any {@code *.localhost} name. */
    String connectHost() {
        return loopbackFor(host);
    }

    static String loopbackFor(String host) {
        return host.equals("localhost") || host.endsWith(".localhost") ? "127.0.0.1" : host;
    }

    PostgresUrl withDatabase(String other) {
        return new PostgresUrl(user, password, host, port, other);
    }

    String jdbcUrl() {
        return "jdbc:postgresql://" + connectHost() + ":" + port + "/" + database;
    }

    /**
     * Driver properties: the password travels here rather than in the JDBC URL, and statements are
     * unnamed so that they work through PgBouncer in transaction mode.
     */
    Properties jdbcProperties() {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", "5");
        props.setProperty("prepareThreshold", "0");
        props.setProperty("ApplicationName", "flyctl-emulator");
        return props;
    }

    private static String decode(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
