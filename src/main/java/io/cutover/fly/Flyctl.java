package io.cutover.fly;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.springframework.stereotype.Service;

/**
 * The Fly adapter's facade: turns a runbook command that starts with {@code fly} or
 * {@code flyctl} into the configured binary with the migration's token in its environment
 * only, refuses the commands that would destroy the way back, and says in plain words
 * what a known failure means.
 */
@Service
public class Flyctl {

    private static final List<String> NAMES = List.of("fly", "flyctl");

    /**
     * flyctl's own wording of known failures, and what the operator should do about each,
     * as data: a regular expression and an explanation a line, most specific first.
     */
    private static final String KNOWN_FAILURES_RESOURCE = "/flyctl/known-failures.tsv";

    private static final List<KnownFailure> KNOWN_FAILURES = knownFailures();

    private final FlyProperties properties;

    Flyctl(FlyProperties properties) {
        this.properties = properties;
    }

    /**
     * By name, wherever it lives: a step that names flyctl by its path still gets the
     * token, the guard and the explanations.
     */
    public boolean handles(String executable) {
        Path name = executable.isBlank() ? null : Path.of(executable).getFileName();
        return name != null && NAMES.contains(name.toString());
    }

    /** The binary to start for a fly/flyctl command. */
    public String binary() {
        return properties.flyctl();
    }

    /**
     * Environment for a flyctl child.
     * @param secrets the migration's decrypted secret parameters
     */
    public Map<String, String> environment(Map<String, String> secrets) {
        Map<String, String> env = new HashMap<>();
        String token = secrets.get(properties.tokenParameter());
        if (token != null && !token.isBlank()) {
            env.put("FLY_API_TOKEN", token);
        }
        // No update checks or metrics calls in the middle of a migration
        // (FLY_SEND_METRICS is flyctl's own switch).
        env.put("FLY_NO_UPDATE_CHECK", "1");
        env.put("FLY_SEND_METRICS", "0");
        return env;
    }

    /**
     * Why a flyctl command must not run at all: {@code fly postgres detach} on the Flex
     * cluster deletes the app's database user there, and with it the rollback.
     */
    public Optional<String> refusal(List<String> argv) {
        if (argv.isEmpty() || !handles(argv.get(0))) {
            return Optional.empty();
        }
        // flyctl (cobra) finds its subcommand past flags and their values, so 'fly pg
        // --app x detach'
        // is detach too. A flag's value cannot be told from a word without flyctl's flag
        // table: any
        // detach after postgres/pg counts, which may refuse a harmless command but never
        // lets detach by.
        List<String> words = argv.subList(1, argv.size()).stream().filter(a -> !a.startsWith("-")).toList();
        int postgres = IntStream.range(0, words.size())
            .filter(i -> List.of("postgres", "pg").contains(words.get(i)))
            .findFirst()
            .orElse(-1);
        if (postgres >= 0 && words.subList(postgres + 1, words.size()).contains("detach")) {
            return Optional
                .of("The panel never runs 'fly postgres detach': on the Flex cluster it deletes the app's database user, "
                        + "which the rollback needs. Leave the old cluster attached until decommission.");
        }
        return Optional.empty();
    }

    /**
     * What a failed flyctl run means, judged from its error output; empty when it is not
     * a known failure.
     */
    public Optional<String> explain(List<String> stderr) {
        for (String line : stderr) {
            for (KnownFailure known : KNOWN_FAILURES) {
                Matcher m = known.pattern().matcher(line);
                if (m.find()) {
                    return Optional.of(m.groupCount() >= 1 && m.group(1) != null
                            ? known.explanation().replace("{}", m.group(1)) : known.explanation());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Reads the table once; a broken line is a packaging error, so it fails the start.
     */
    private static List<KnownFailure> knownFailures() {
        try (InputStream in = Flyctl.class.getResourceAsStream(KNOWN_FAILURES_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + KNOWN_FAILURES_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(KnownFailure::parse)
                .toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * One line of the table: flyctl's wording and what the operator should do about it.
     */
    private record KnownFailure(Pattern pattern, String explanation) {

        static KnownFailure parse(String line) {
            int tab = line.indexOf('\t');
            if (tab < 0) {
                throw new IllegalStateException("No tab in " + KNOWN_FAILURES_RESOURCE + " line: " + line);
            }
            return new KnownFailure(Pattern.compile(line.substring(0, tab)), line.substring(tab + 1));
        }

    }

}
