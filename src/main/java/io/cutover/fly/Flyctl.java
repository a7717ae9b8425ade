package io.cutover.fly;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
     * flyctl's own wording of known failures, and what the operator should do about each.
     */
    private static final Map<Pattern, String> KNOWN_FAILURES = knownFailures();

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
            for (Map.Entry<Pattern, String> known : KNOWN_FAILURES.entrySet()) {
                Matcher m = known.getKey().matcher(line);
                if (m.find()) {
                    return Optional.of(m.groupCount() >= 1 && m.group(1) != null
                            ? known.getValue().replace("{}", m.group(1)) : known.getValue());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Real flyctl's wording (shared/reference/flyctl-contract.md), most specific first.
     */
    private static Map<Pattern, String> knownFailures() {
        Map<Pattern, String> known = new LinkedHashMap<>();
        known.put(Pattern.compile("(?i)MPG commands require updated tokens"),
                "fly mpg refuses this old-style token: set FLY_API_TOKEN to an org token made with 'fly tokens create org'");
        known.put(Pattern.compile("(?i)no access token available"),
                "flyctl has no token: set the migration's FLY_API_TOKEN parameter to an org token (fly tokens create org)");
        known.put(Pattern.compile("unknown (?:shorthand )?flag: (--?\\S+|'.')"),
                "The installed flyctl does not know {} for this command: the runbook's command and this flyctl's version disagree");
        known.put(Pattern.compile(
                "(?i)(?:Error: )?(\\S+(?: \\S+)*?) (?:argument |flag |argument or flag )?must be specified (?:with \\S+ flag )?when not running interactively"),
                "flyctl would ask for '{}' here but cannot prompt in the panel: the command must pass it as a flag or argument");
        known.put(Pattern.compile("prompt: non interactive"),
                "flyctl wanted to ask which cluster, region or attachment to use and cannot prompt in the panel: the command must name it");
        known.put(Pattern.compile("(?i)managed postgres cluster \"([\\w-]+)\" not found"),
                "No Managed Postgres cluster '{}' that this token can see: check the cluster id (fly mpg list --org) and that FLY_API_TOKEN is an org token of its organization");
        known.put(Pattern.compile("(?i)could not find App"),
                "Fly has no app of that name that this token can see: check the app parameters, and that FLY_API_TOKEN is an org token (a deploy token reaches its own app only)");
        known.put(Pattern.compile("(?i)organization (\\S+) not found"),
                "The token cannot see organization '{}': use an org token of that organization");
        known.put(Pattern.compile("(?i)app does not have a Dockerfile or buildpacks configured"),
                "fly deploy found nothing to build in the panel's working directory: deploy the already-built image with --image (step 'Capture the image to deploy at cutover')");
        known.put(Pattern.compile("(?i)could not find image \"([^\"]+)\""),
                "Fly's registry has no image {}: capture it again from fly releases --json");
        known.put(Pattern.compile("(?i)release command failed"),
                "The release command (the migrations) failed, so nothing was deployed: read its lines above; it must use DIRECT_DATABASE_URL, not the pooler");
        known.put(Pattern.compile("(?i)already has (\\w+) set"),
                "The app still has {}: fly mpg attach refuses to overwrite it. Run 'Release DATABASE_URL for the attach' first (the old value is kept for rollback)");
        known.put(Pattern.compile("(?i)has no started VMs|no active leader found"),
                "The app has no running machine to run the command on: scale it up first");
        known.put(Pattern.compile("(?i)\\bunauthorized\\b|not logged in|invalid token"),
                "Fly refused the token: set FLY_API_TOKEN to a valid org token (fly tokens create org)");
        return known;
    }

}
