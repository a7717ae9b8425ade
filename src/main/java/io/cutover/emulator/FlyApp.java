package io.cutover.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One emulated Fly app as stored in {@code state.json}. Public fields because this is
 * plain data read and written by Jackson; the behaviour lives in {@link AppLifecycle}.
 */
final class FlyApp {

    static final String KIND_APP = "app";
    static final String KIND_FLEX = "postgres-flex";
    static final int MAX_LOG_LINES = 500;

    public String name;

    public String org;

    public String region;

    public String kind = KIND_APP;

    public String createdAt;

    public List<Machine> machines = new ArrayList<>();

    public int desiredCount;

    public Map<String, String> secrets = new TreeMap<>();

    /** When each secret was last set; flyctl shows it in {@code secrets list}. */
    public Map<String, String> secretCreatedAt = new TreeMap<>();

    public TreeSet<String> stagedSecretNames = new TreeSet<>();

    /**
     * The environment the running machines were started with, which may lag
     * {@link #secrets}.
     */
    public Map<String, String> runningSecrets = new TreeMap<>();

    public List<Release> releases = new ArrayList<>();

    public List<Volume> volumes = new ArrayList<>();

    public List<LogLine> logs = new ArrayList<>();

    public FlexPostgres postgres;

    /**
     * What the app's current release config (fly.toml) says; flyctl reads it remotely
     * when no fly.toml is at hand.
     */
    public AppConfig config = new AppConfig();

    boolean flex() {
        return KIND_FLEX.equals(kind);
    }

    long startedCount() {
        return machines.stream().filter(m -> Machine.STARTED.equals(m.state)).count();
    }

    /**
     * The image of the newest release, which flyctl uses for machines it creates from
     * nothing.
     */
    String latestImage() {
        return releases.isEmpty() ? null : releases.get(releases.size() - 1).imageRef;
    }

    String primaryRegion() {
        return config.primaryRegion == null ? region : config.primaryRegion;
    }

    List<Machine> group(String name) {
        return machines.stream().filter(m -> name.equals(m.group)).toList();
    }

    int currentVersion() {
        return releases.isEmpty() ? 0 : releases.get(releases.size() - 1).version;
    }

    /**
     * Appends a log line the way Fly's log shipper formats it, keeping only the newest
     * lines.
     */
    void log(Machine machine, String message) {
        String source = machine == null ? "runner[" + name + "]" : "app[" + machine.id + "]";
        String where = machine == null ? region : machine.region;
        logs.add(new LogLine(Ids.now(), source + " " + where + " [info] " + message));
        if (logs.size() > MAX_LOG_LINES) {
            logs.subList(0, logs.size() - MAX_LOG_LINES).clear();
        }
    }

    static final class Machine {

        static final String STARTED = "started";
        static final String STOPPED = "stopped";

        public String id;

        public String state;

        public String region;

        public String size;

        public int version;

        public String updatedAt;

        public String group = "app";

        public String image;

        Machine() {
        }

        Machine(String id, String state, String region, String size, int version) {
            this.id = id;
            this.state = state;
            this.region = region;
            this.size = size;
            this.version = version;
            this.updatedAt = Ids.now();
        }

        boolean started() {
            return STARTED.equals(state);
        }

    }

    static final class Release {

        public int version;

        public String time;

        public String description;

        public String imageRef;

        public String status = "complete";

        Release() {
        }

        Release(int version, String time, String description) {
            this.version = version;
            this.time = time;
            this.description = description;
        }

    }

    /**
     * The parts of fly.toml the emulator acts on: process groups (and whether they have
     * services), the primary region, a {@code [[vm]]} size if any, and
     * {@code [deploy] release_command}.
     */
    static final class AppConfig {

        public Map<String, Boolean> processGroups = new TreeMap<>(Map.of("app", true));

        public String primaryRegion;

        public String vmSize;

        public String releaseCommand;

    }

    static final class Volume {

        public String id;

        public String name;

        public int sizeGb;

        public String region;

        public String attachedMachine;

        public String createdAt;

        public List<Snapshot> snapshots = new ArrayList<>();

    }

    /**
     * A requested snapshot: Fly takes it in the background, so it exists only from
     * {@code readyAt} on.
     */
    static final class Snapshot {

        public String id;

        public String createdAt;

        public String readyAt;

        public long sizeBytes;

        public String file;

        boolean ready() {
            return Ids.reached(readyAt);
        }

    }

    static final class LogLine {

        public String time;

        public String text;

        LogLine() {
        }

        LogLine(String time, String text) {
            this.time = time;
            this.text = text;
        }

    }

    /**
     * What a Postgres Flex app serves: one database on the local server, owned by
     * {@code user}.
     */
    static final class FlexPostgres {

        public String database;

        public String user;

        public String version;

    }

}
