package io.cutover.emulator;

import java.util.ArrayList;
import java.util.List;

/**
 * One emulated Managed Postgres cluster as stored in {@code state.json}: a real role and
 * database on the local server with a real PgBouncer in front of it.
 */
final class MpgCluster {

    /**
     * The direct address flyctl shows is a private IPv6; here the direct host is the
     * local server on loopback.
     */
    static final String DIRECT_IP = "::1";

    public String id;

    public String name;

    public String org;

    public String region;

    public String plan;

    public int volumeSizeGb;

    public int pgMajor;

    public String status;

    public String createdAt;

    public String database;

    public String user;

    public String password;

    /**
     * The pooled address's port, whatever pooler answers there (see {@link #poolMode}).
     */
    public int pgbouncerPort;

    /**
     * {@code session} (MPG's default) or {@code transaction}, set only by the dashboard's
     * pool-mode action.
     */
    public String poolMode = Pooler.SESSION;

    /**
     * The local server's port the cluster's database lives on (0 in state written before
     * it was recorded: 5432).
     */
    public int serverPort;

    /** The pid file of the pooler now answering at the pooled port. */
    public String pgbouncerPidFile;

    public List<Backup> backups = new ArrayList<>();

    public List<String> attachments = new ArrayList<>();

    /** Databases made with {@code mpg databases create}, besides {@link #database}. */
    public List<String> extraDatabases = new ArrayList<>();

    /**
     * Users made with {@code mpg users create}; PgBouncer's auth_file needs their
     * passwords.
     */
    public List<ClusterUser> extraUsers = new ArrayList<>();

    List<String> allDatabases() {
        List<String> all = new ArrayList<>();
        all.add(database);
        all.addAll(extraDatabases);
        return all;
    }

    String pooledHost() {
        return "pgbouncer." + id + ".flympg.localhost";
    }

    String directHost() {
        return "direct." + id + ".flympg.localhost";
    }

    /** The connection string flyctl prints and attach stores: the pooled address. */
    String pooledUrl() {
        return pooledUrl(database);
    }

    String pooledUrl(String db) {
        return "postgresql://" + user + ":" + password + "@" + pooledHost() + ":" + pgbouncerPort + "/" + db;
    }

    /**
     * The direct address is the local server itself. Like MPG's it names no port when
     * that server listens on 5432; a server elsewhere (the tests' own, an embedded one)
     * needs its port named.
     */
    String directUrl() {
        boolean defaultPort = serverPort == 0 || serverPort == PostgresUrl.DEFAULT_PORT;
        return "postgresql://" + user + ":" + password + "@" + directHost() + (defaultPort ? "" : ":" + serverPort)
                + "/" + database;
    }

    /**
     * A queued backup: it runs in the background and is completed from {@code readyAt}
     * on.
     */
    static final class Backup {

        public String id;

        public String type;

        public String createdAt;

        public String readyAt;

        public String file;

        public long sizeBytes;

        boolean completed() {
            return Ids.reached(readyAt);
        }

        String status() {
            return completed() ? "completed" : "running";
        }

    }

    static final class ClusterUser {

        public String name;

        public String role;

        public String password;

    }

}
