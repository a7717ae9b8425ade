package io.cutover;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.opentest4j.TestAbortedException;

/**
 * The system programs that add coverage but that a machine may lack. A test that needs
 * one and does not find it is skipped with one line naming the package to install
 * ({@link MissingTool}, listed again at the end of the run by
 * {@link SkippedTestsSummary}); in CI it fails instead, so a green CI has run every test.
 */
public enum OptionalTool {

    PGBOUNCER("PgBouncer", "pgbouncer", "pgbouncer", List.of("pgbouncer")),
    PGCOPYDB("pgcopydb", "pgcopydb", "pgcopydb", List.of("pgcopydb")), CHROMIUM("Chromium and ChromeDriver",
            "chromium chromium-driver", "--cask chromium chromedriver", List.of("chromium", "chromedriver"));

    private final String label;

    private final String aptPackages;

    private final String brewPackages;

    private final List<String> programs;

    OptionalTool(String label, String aptPackages, String brewPackages, List<String> programs) {
        this.label = label;
        this.aptPackages = aptPackages;
        this.brewPackages = brewPackages;
        this.programs = programs;
    }

    /**
     * The one convention for "this run is CI", used by every test: the variable
     * {@code CI=true}, which GitHub Actions and GitLab set and {@code .ci/run} exports.
     */
    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * Where the program is: the first executable of that name on PATH, then in the sbin
     * folders Debian uses.
     */
    public static java.util.Optional<Path> find(String program) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/sbin", "/usr/local/sbin", "/usr/bin"));
        return dirs.stream()
            .filter(d -> !d.isEmpty())
            .map(d -> Path.of(d, program))
            .filter(Files::isExecutable)
            .findFirst();
    }

    public boolean present() {
        return programs.stream().allMatch(p -> find(p).isPresent());
    }

    /**
     * Returns when the tool is here; otherwise skips the calling test (outside CI) or
     * fails it (in CI).
     */
    public void require(String test) {
        if (present()) {
            return;
        }
        String reason = test + " needs " + label + ": install it with 'apt-get install " + aptPackages
                + "' (Debian/Ubuntu) or 'brew install " + brewPackages + "' (macOS)";
        if (inCi()) {
            throw new AssertionError(reason + "; in CI (CI=true) every test must run, none is skipped");
        }
        SkippedTestsSummary.console("Skipped: " + reason);
        throw new MissingTool(reason);
    }

    /**
     * A test skipped because a tool is missing; the summary at the end of the run lists
     * these.
     */
    public static final class MissingTool extends TestAbortedException {

        MissingTool(String reason) {
            super(reason);
        }

    }

}
