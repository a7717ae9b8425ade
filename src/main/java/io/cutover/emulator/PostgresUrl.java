package io.cutover.emulator;

import io.cutover.shared.ConnectionUrl;
import io.cutover.shared.InvalidInputException;
import java.util.Properties;

/**
 * A {@code postgres://user:password@host:port/db} connection URL. Host names under the
 * reserved {@code .localhost} domain (RFC 6761) are loopback, so they are connected to as
 * 127.0.0.1; the JDBC driver and libpq would otherwise try to resolve them through DNS.
 */
record PostgresUrl(String user, String password, String host, int port, String database) {

    static final int DEFAULT_PORT = 5432;

    /**
     * Read by the panel's one connection-string parser, URL form only, as flyctl takes
     * it.
     */
    static PostgresUrl parse(String url) {
        ConnectionUrl.Parsed parsed;
        try {
            parsed = ConnectionUrl.parseUrl(url);
        }
        catch (InvalidInputException e) {
            throw new FlyError("invalid Postgres connection URL: " + e.getMessage());
        }
        ConnectionUrl u = parsed.url();
        String user = u.user().isEmpty() ? "postgres" : u.user();
        String database = u.path().isEmpty() ? user : u.path();
        return new PostgresUrl(user, parsed.password().orElse(null), u.host(), u.port(), database);
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
     * Driver properties: the password travels here rather than in the JDBC URL, and
     * statements are unnamed so that they work through PgBouncer in transaction mode.
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
}
