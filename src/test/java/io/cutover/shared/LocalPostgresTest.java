package io.cutover.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.TestDatabases;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * The restore-test's local-binaries scratch server (what the production image uses): a
 * throw-away cluster from the machine's server binaries takes a real custom-format dump,
 * and is stopped and deleted when closed. The cluster runs in a child JVM as a non-root
 * user (OS user postgres when the tests run as root, as {@code LocalClusters} does),
 * because initdb refuses root.
 */
class LocalPostgresTest {

    private static final String OS_USER = "postgres";

    private final boolean root = "root".equals(System.getProperty("user.name"));

    Path home;

    String source;

    @BeforeEach
    void setUp() throws IOException {
        home = Files.createTempDirectory("cutover-local-postgres-");
        source = TestDatabases.create("local_pg_source");
        TestDatabases.execute(source, "CREATE TABLE orders (id bigint PRIMARY KEY, note text); "
                + "INSERT INTO orders SELECT g, 'order ' || g FROM generate_series(1, 2500) g");
    }

    @AfterEach
    void tearDown() {
        TestDatabases.drop(source);
        FileSystemUtils.deleteRecursively(home.toFile());
    }

    @Test
    void aThrowAwayClusterFromTheInstalledBinariesRestoresADumpAndIsGoneWhenClosed() throws Exception {
        Path dump = home.resolve("source.dump");
        run("pg_dump", "-Fc", "-f", dump.toString(), "-d", TestDatabases.url(source));
        Path cluster = home.resolve("scratch-postgres");
        Process child = startChild(cluster);
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String started = out.readLine();
        assertThat(started).as(() -> "the child said: " + started + "\n" + rest(out)).startsWith("user=");
        assertThat(started).startsWith("user=" + (root ? OS_USER : System.getProperty("user.name")) + " bin="
                + LocalPostgres.binaries().orElseThrow());
        int port = Integer.parseInt(started.replaceAll(".* port=", ""));
        ConnectionUrl admin = ConnectionUrl.parse("postgres://postgres@127.0.0.1:" + port + "/postgres").url();

        try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), "postgres", "");
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE scratch");
        }
        run("pg_restore", "--no-owner", "-d", "postgres://postgres@127.0.0.1:" + port + "/scratch", dump.toString());

        assertThat(count("jdbc:postgresql://127.0.0.1:" + port + "/scratch"))
            .isEqualTo(count("jdbc:postgresql://" + TestDatabases.host() + ":" + TestDatabases.port() + "/" + source));
        child.getOutputStream().close();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child stops its server and exits").isTrue();
        assertThat(out.readLine()).isEqualTo("stopped");
        assertThat(child.exitValue()).isZero();
        assertThat(PanelPostgres.answers(admin)).as("the server is stopped").isFalse();
        assertThat(cluster).as("the cluster's directory is deleted").doesNotExist();
    }

    private static String rest(BufferedReader out) {
        return String.join("\n", out.lines().toList());
    }

    private static long count(String jdbcUrl) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM orders")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * A JVM with just the shared module's classes (all LocalPostgres needs), readable by
     * the user it runs as.
     */
    private Process startChild(Path cluster) throws Exception {
        Path classes = home.resolve("classes");
        copy(Path.of(LocalPostgres.class.getProtectionDomain().getCodeSource().getLocation().toURI()), classes);
        copy(Path.of(LocalScratchCluster.class.getProtectionDomain().getCodeSource().getLocation().toURI()), classes);
        List<String> command = new ArrayList<>();
        if (root) {
            UserPrincipal postgres = home.getFileSystem()
                .getUserPrincipalLookupService()
                .lookupPrincipalByName(OS_USER);
            Files.setOwner(home, postgres);
            command.addAll(List.of("setpriv", "--reuid=" + OS_USER, "--regid=" + OS_USER, "--init-groups", "--"));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                classes.toString(), LocalScratchCluster.class.getName(), cluster.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static void copy(Path classesRoot, Path to) throws IOException {
        Path shared = classesRoot.resolve("io/cutover/shared");
        try (Stream<Path> files = Files.list(shared)) {
            Files.createDirectories(to.resolve("io/cutover/shared"));
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                Files.copy(f, to.resolve("io/cutover/shared").resolve(f.getFileName()));
            }
        }
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
    }

}
