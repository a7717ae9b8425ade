package io.cutover;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.Map;

/**
 * Throwaway PostgreSQL servers the test run starts for itself, one per {@link Kind}, each
 * with exactly the settings its tests need. The machine's own server (5432) is never used
 * or changed. A server starts the first time a test asks for it and is shared by the
 * whole JVM; it is stopped and deleted when the JVM ends, and also when the JVM is killed
 * (see {@link LocalClusters}).
 */
public final class TestPostgres {

    /**
     * Members of this group must log in with a password on the {@link Kind#LOGICAL}
     * server; trust applies to everyone else.
     */
    public static final String PASSWORD_GROUP = "cutover_password_auth";

    /** What a server is for, and the settings that follow from it. */
    public enum Kind {

        /**
         * The stand-in for Fly's servers: {@code wal_level = logical} with replication
         * slots and WAL senders to spare (continuous sync decodes the source's WAL), and
         * password authentication for roles in {@link #PASSWORD_GROUP} (MPG's users and
         * the tests' target roles, whose wrong passwords must be refused). The emulator
         * keeps Flex and MPG databases on one server, as the sandbox does, so both
         * settings live here.
         */
        LOGICAL(Map.of("wal_level", "logical", "max_replication_slots", "20", "max_wal_senders", "20"), true),
        /**
         * A server left at the default {@code wal_level = replica}: a source that cannot
         * decode changes.
         */
        REPLICA(Map.of("wal_level", "replica"), false);

        final Map<String, String> settings;

        final boolean passwordGroup;

        Kind(Map<String, String> settings, boolean passwordGroup) {
            this.settings = settings;
            this.passwordGroup = passwordGroup;
        }

    }

    /** Starts servers of a kind; one implementation per source of PostgreSQL. */
    interface Servers {

        Server start(Kind kind);

    }

    /**
     * A running server: superuser {@code postgres} logs in from 127.0.0.1 without a
     * password.
     */
    public record Server(String host, int port) {

        /** {@code postgres://postgres@host:port/database} */
        public String url(String database) {
            return "postgres://postgres@" + host + ":" + port + "/" + database;
        }

        public String jdbcUrl(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }

        public Connection connect(String database) throws SQLException {
            return DriverManager.getConnection(jdbcUrl(database), "postgres", "");
        }

        /**
         * Runs {@code sql} in autocommit on {@code database} (CREATE DATABASE needs
         * that).
         */
        public void execute(String database, String... sql) {
            try (Connection c = connect(database); Statement st = c.createStatement()) {
                for (String statement : sql) {
                    st.execute(statement);
                }
            }
            catch (SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
    }

    private static final Map<Kind, Server> RUNNING = new EnumMap<>(Kind.class);

    private static Servers servers;

    private TestPostgres() {
    }

    /** The shared {@link Kind#LOGICAL} server, started on first use. */
    public static Server logical() {
        return server(Kind.LOGICAL);
    }

    /** The shared {@link Kind#REPLICA} server, started on first use. */
    public static Server replica() {
        return server(Kind.REPLICA);
    }

    public static synchronized Server server(Kind kind) {
        Server running = RUNNING.get(kind);
        if (running == null) {
            if (servers == null) {
                servers = new LocalClusters();
            }
            running = servers.start(kind);
            if (kind.passwordGroup) {
                running.execute("postgres", "CREATE ROLE " + PASSWORD_GROUP + " NOLOGIN");
            }
            RUNNING.put(kind, running);
        }
        return running;
    }

}
