package io.cutover.emulator;

import static io.cutover.emulator.LocalPostgres.ident;
import static io.cutover.emulator.LocalPostgres.literal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Builds and tears down the real parts of a cluster: a password-protected role, a
 * database it owns (with nobody else allowed in), and the cluster's pooler.
 */
final class MpgProvisioner {

    /** What each {@code mpg users create --role} may do in the cluster's databases. */
    static final List<String> ROLES = List.of("schema_admin", "writer", "reader");

    private MpgProvisioner() {
    }

    static MpgCluster create(Path home, LocalPostgres pg, MpgCluster cluster) {
        if (cluster.id == null) {
            cluster.id = Ids.cluster();
        }
        cluster.user = "fly-user-" + cluster.id;
        cluster.database = "fly-db-" + cluster.id;
        cluster.password = Ids.password();
        cluster.createdAt = Ids.now();
        cluster.serverPort = pg.serverPort();
        try {
            createRole(pg, cluster.user, cluster.password);
            pg.execute(pg.admin().database(),
                    "CREATE DATABASE " + ident(cluster.database) + " OWNER " + ident(cluster.user),
                    // Each MPG cluster is its own server: only its own users may connect.
                    "REVOKE CONNECT ON DATABASE " + ident(cluster.database) + " FROM PUBLIC");
            pg.execute(cluster.database, "ALTER SCHEMA public OWNER TO " + ident(cluster.user));
            cluster.pgbouncerPort = PgBouncer.freePort();
            // MPG starts every cluster's pooler in session mode, which needs no PgBouncer
            // here.
            cluster.poolMode = Pooler.SESSION;
            Pooler.start(home, cluster, pg, Optional.empty());
            cluster.status = "ready";
            return cluster;
        }
        catch (RuntimeException e) {
            destroy(home, pg, cluster);
            throw e;
        }
    }

    /**
     * Stops PgBouncer and drops every database and role of the cluster; safe on a
     * half-built one.
     */
    static void destroy(Path home, LocalPostgres pg, MpgCluster cluster) {
        Pooler.stop(cluster);
        for (String database : cluster.allDatabases()) {
            if (database != null) {
                pg.dropDatabase(database);
            }
        }
        Stream.concat(Stream.of(cluster.user), cluster.extraUsers.stream().map(u -> u.name))
            .filter(u -> u != null)
            .forEach(user -> pg.execute(pg.admin().database(), "DROP ROLE IF EXISTS " + ident(user)));
        deleteTree(PgBouncer.directory(home, cluster.id));
        deleteTree(home.resolve("backups").resolve(cluster.id));
    }

    static MpgCluster.ClusterUser createUser(Path home, LocalPostgres pg, MpgCluster cluster, String name,
            String role) {
        if (!ROLES.contains(role)) {
            throw new FlyError("invalid role \"" + role + "\": must be one of " + String.join(", ", ROLES));
        }
        if (name.equals(cluster.user) || cluster.extraUsers.stream().anyMatch(u -> u.name.equals(name))
                || pg.roleExists(name)) {
            throw new FlyError("user " + name + " already exists");
        }
        MpgCluster.ClusterUser user = new MpgCluster.ClusterUser();
        user.name = name;
        user.role = role;
        user.password = Ids.password();
        createRole(pg, name, user.password);
        for (String database : cluster.allDatabases()) {
            grant(pg, cluster, database, name, role);
        }
        cluster.extraUsers.add(user);
        Pooler.reload(home, cluster, pg);
        return user;
    }

    static void createDatabase(Path home, LocalPostgres pg, MpgCluster cluster, String name) {
        if (cluster.allDatabases().contains(name) || pg.databaseExists(name)) {
            throw new FlyError("database " + name + " already exists");
        }
        pg.execute(pg.admin().database(), "CREATE DATABASE " + ident(name) + " OWNER " + ident(cluster.user),
                "REVOKE CONNECT ON DATABASE " + ident(name) + " FROM PUBLIC");
        pg.execute(name, "ALTER SCHEMA public OWNER TO " + ident(cluster.user));
        cluster.extraDatabases.add(name);
        for (MpgCluster.ClusterUser user : cluster.extraUsers) {
            grant(pg, cluster, name, user.name, user.role);
        }
        Pooler.reload(home, cluster, pg);
    }

    private static void createRole(LocalPostgres pg, String name, String password) {
        pg.execute(pg.admin().database(), "CREATE ROLE " + ident(name)
                + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD " + literal(password));
        if (pg.roleExists(LocalPostgres.PASSWORD_AUTH_GROUP)) {
            // pg_hba trusts everyone else on this machine; members of this group must
            // show their password.
            pg.execute(pg.admin().database(),
                    "GRANT " + ident(LocalPostgres.PASSWORD_AUTH_GROUP) + " TO " + ident(name));
        }
    }

    private static void grant(LocalPostgres pg, MpgCluster cluster, String database, String user, String role) {
        String who = ident(user);
        String owner = ident(cluster.user);
        String tables = switch (role) {
            case "schema_admin" -> "ALL";
            case "writer" -> "SELECT, INSERT, UPDATE, DELETE";
            default -> "SELECT";
        };
        String sequences = role.equals("reader") ? "SELECT" : "ALL";
        pg.execute(pg.admin().database(), "GRANT CONNECT ON DATABASE " + ident(database) + " TO " + who);
        pg.execute(database, "GRANT " + (role.equals("schema_admin") ? "ALL" : "USAGE") + " ON SCHEMA public TO " + who,
                "GRANT " + tables + " ON ALL TABLES IN SCHEMA public TO " + who,
                "GRANT " + sequences + " ON ALL SEQUENCES IN SCHEMA public TO " + who,
                "ALTER DEFAULT PRIVILEGES FOR ROLE " + owner + " IN SCHEMA public GRANT " + tables + " ON TABLES TO "
                        + who,
                "ALTER DEFAULT PRIVILEGES FOR ROLE " + owner + " IN SCHEMA public GRANT " + sequences
                        + " ON SEQUENCES TO " + who);
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }

}
