package io.cutover.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The emulated application's web service: it answers only while a machine of the app is
 * started, and reads the database named by the {@code DATABASE_URL} its machines were
 * started with, so a new secret takes effect only after a restart or deploy, as on Fly.
 * Each answer counts the rows of the app's own table (the blog's {@code users} unless
 * told otherwise): a database without it makes the app fail, as a real app would.
 */
public final class EmulatedApp implements AutoCloseable {

    private final StateStore store;

    private final String appName;

    private final String table;

    private final HttpServer server;

    private final ExecutorService workers;

    private EmulatedApp(Path home, String appName, int port, String table) {
        if (!table.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a table name: " + table);
        }
        this.store = new StateStore(home);
        this.appName = appName;
        this.table = table;
        try {
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
        this.workers = Executors.newFixedThreadPool(4, r -> {
            Thread thread = new Thread(r, "emulated-app-" + appName);
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(workers);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * Starts serving the app on 127.0.0.1:{@code port} (0 picks a free port, see
     * {@link #port()}).
     */
    public static EmulatedApp start(Path home, String appName, int port) {
        return start(home, appName, port, "users");
    }

    /**
     * The same for an app whose own table is {@code table} (a lower-case name in schema
     * public).
     */
    public static EmulatedApp start(Path home, String appName, int port, String table) {
        return new EmulatedApp(home, appName, port, table);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Response response = respond(
                exchange.getRequestMethod().equals("POST") && exchange.getRequestURI().getPath().equals("/users")
                        ? signUps(exchange.getRequestURI().getQuery()) : 0);
        String request = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
        store.update(state -> {
            state.findApp(appName)
                .ifPresent(app -> app
                    .log(app.machines.stream().filter(FlyApp.Machine::started).findFirst().orElse(null), request + " "
                            + response.status() + (response.status() == 500 ? " error: " + response.body() : "")));
            return null;
        });
        byte[] body = (response.body() + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(response.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /**
     * POST /users?count=N: the app signs up N users, writing to whichever database it
     * runs on.
     */
    private static int signUps(String query) {
        String count = query == null ? "" : query.replaceFirst("^.*\\bcount=(\\d{1,6}).*$", "$1");
        return count.matches("\\d{1,6}") ? Integer.parseInt(count) : 1;
    }

    private Response respond(int signUps) {
        FlyApp app = store.read().findApp(appName).orElse(null);
        if (app == null || app.startedCount() == 0) {
            return new Response(503, "no machines running for " + appName);
        }
        String url = app.runningSecrets.get("DATABASE_URL");
        if (url == null) {
            return new Response(500, "DATABASE_URL is not set on the running machines");
        }
        try {
            PostgresUrl target = PostgresUrl.parse(url);
            var properties = target.jdbcProperties();
            // Shows up in pg_stat_activity, where the runbook's health checks group
            // connections by it.
            properties.setProperty("ApplicationName", appName);
            try (Connection connection = DriverManager.getConnection(target.jdbcUrl(), properties);
                    Statement statement = connection.createStatement()) {
                String database = single(statement, "SELECT current_database()");
                if (signUps > 0) {
                    // Sign-ups write the sample app's users table, whatever table the
                    // health answer counts.
                    statement.executeUpdate(
                            "INSERT INTO users (email, name) SELECT 'signup-' || gen_random_uuid() || '@example.com', 'Signed up on '"
                                    + " || current_database() FROM generate_series(1, " + signUps + ")");
                }
                String rows = single(statement, "SELECT count(*) FROM public." + table);
                return new Response(200, "ok database=" + database + " " + table + "=" + rows);
            }
        }
        catch (SQLException | FlyError e) {
            return new Response(500, e.getMessage());
        }
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private record Response(int status, String body) {
    }

}
