package io.cutover.emulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The command line after the program name: positional words and flags, in any order, the way
 * cobra accepts them ({@code --app X}, {@code --app=X}, {@code -a X}).
 */
final class FlyArgs {

    /** Flags that never take a value; every other flag consumes the next word. */
    private static final Set<String> BOOLEAN_FLAGS = Set.of(
            "yes", "json", "stage", "no-tail", "follow", "detach", "enable-postgis-support", "deleted", "help");

    private static final Map<String, String> SHORT_NAMES = Map.ofEntries(
            Map.entry("a", "app"), Map.entry("y", "yes"), Map.entry("j", "json"), Map.entry("C", "command"),
            Map.entry("p", "port"), Map.entry("o", "org"), Map.entry("n", "name"), Map.entry("r", "region"),
            Map.entry("f", "follow"), Map.entry("h", "help"), Map.entry("d", "database"));

    private final List<String> positional = new ArrayList<>();
    private final Map<String, String> flags = new HashMap<>();

    FlyArgs(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String word = args[i];
            if (word.equals("--")) {
                for (int j = i + 1; j < args.length; j++) {
                    positional.add(args[j]);
                }
                return;
            }
            if (!word.startsWith("-") || word.equals("-")) {
                positional.add(word);
                continue;
            }
            String name = word.startsWith("--") ? word.substring(2) : word.substring(1);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (!word.startsWith("--")) {
                name = SHORT_NAMES.getOrDefault(name, name);
            }
            if (value == null) {
                if (BOOLEAN_FLAGS.contains(name)) {
                    value = "true";
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new FlyError("flag needs an argument: --" + name);
                }
            }
            flags.put(name, value);
        }
    }

    /** The n-th positional word, counting the command words too. */
    Optional<String> word(int index) {
        return index < positional.size() ? Optional.of(positional.get(index)) : Optional.empty();
    }

    String wordOr(int index, String fallback) {
        return word(index).orElse(fallback);
    }

    List<String> wordsFrom(int index) {
        return index < positional.size() ? List.copyOf(positional.subList(index, positional.size())) : List.of();
    }

    Optional<String> flag(String name) {
        return Optional.ofNullable(flags.get(name));
    }

    boolean has(String name) {
        String value = flags.get(name);
        return value != null && !value.equalsIgnoreCase("false");
    }

    boolean yes() {
        return has("yes");
    }

    boolean json() {
        return has("json");
    }

    /** The app the command targets; flyctl would otherwise read fly.toml, which the emulator has not. */
    String app() {
        return flag("app").filter(a -> !a.isBlank()).orElseThrow(() -> new FlyError(
                "the config for your app is missing an app name, add an app field to the fly.toml file or specify with the -a flag"));
    }
}
