package io.cutover.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Real flyctl's command line as data ({@code flyctl/contract.yaml}): per command its
 * flags, the positional arguments it accepts, the flags it cannot run without, and the
 * messages flyctl prints.
 */
final class FlyContract {

    private static final String RESOURCE = "/flyctl/contract.yaml";

    private static volatile FlyContract loaded;

    /**
     * A flag as flyctl declares it; {@code aliasOf} names the main flag a hidden alias
     * sets.
     */
    record Flag(String name, String shorthand, String type, String aliasOf) {

        boolean bool() {
            return type.equals("bool");
        }

        /**
         * How pflag names the flag in its messages: {@code -n, --name} with a shorthand.
         */
        String display() {
            return shorthand == null ? "--" + name : "-" + shorthand + ", --" + name;
        }
    }

    /**
     * A runnable command: its path below the root, argument rule, flags and required
     * flags.
     */
    record Command(List<String> path, String args, Map<String, Flag> flags, Map<String, String> required,
            List<String> aliases, String appError) {

        String name() {
            return String.join(" ", path);
        }

        /** The command's wording of an app the API does not know. */
        String appNotFound(String app, String error) {
            return appError == null ? error : appError.replace("{app}", app).replace("{error}", error);
        }

        Optional<Flag> flag(String name) {
            return Optional.ofNullable(flags.get(name));
        }

        Optional<Flag> shorthand(char c) {
            return flags.values()
                .stream()
                .filter(f -> f.shorthand() != null && f.shorthand().equals(String.valueOf(c)))
                .findFirst();
        }
    }

    private final List<Command> commands;

    private final Map<String, String> messages;

    private final Map<String, Map<String, String>> groupAliases;

    private final List<String> mpgRegions;

    private final Map<String, Map<String, String>> mpgPlans = new LinkedHashMap<>();

    private FlyContract(JsonNode root) {
        List<String> global = strings(root.get("global"));
        List<String> app = strings(root.get("appFlags"));
        this.messages = map(root.get("messages"));
        this.groupAliases = new LinkedHashMap<>();
        root.get("groupAliases").properties().forEach(e -> groupAliases.put(e.getKey(), map(e.getValue())));
        this.mpgRegions = strings(root.get("mpgRegions"));
        root.get("mpgPlans").properties().forEach(e -> mpgPlans.put(e.getKey(), map(e.getValue())));
        this.commands = new ArrayList<>();
        for (JsonNode c : root.get("commands")) {
            Map<String, Flag> flags = new LinkedHashMap<>();
            List<String> declared = new ArrayList<>(global);
            for (String flag : strings(c.get("flags"))) {
                if (flag.equals("@app")) {
                    declared.addAll(app);
                }
                else {
                    declared.add(flag);
                }
            }
            declared.stream().map(FlyContract::flag).forEach(f -> flags.put(f.name(), f));
            commands.add(new Command(strings(c.get("path")), c.get("args").asString(), flags, map(c.get("required")),
                    strings(c.get("aliases")), c.has("appError") ? c.get("appError").asString() : null));
        }
    }

    static FlyContract get() {
        if (loaded == null) {
            try (InputStream in = FlyContract.class.getResourceAsStream(RESOURCE)) {
                loaded = new FlyContract(YAMLMapper.builder().build().readTree(in));
            }
            catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
        }
        return loaded;
    }

    List<Command> commands() {
        return commands;
    }

    List<String> mpgRegions() {
        return mpgRegions;
    }

    Map<String, Map<String, String>> mpgPlans() {
        return mpgPlans;
    }

    /** flyctl's text for {@code id}, with {@code %s} filled in order. */
    String message(String id, Object... values) {
        String text = messages.get(id);
        if (text == null) {
            throw new IllegalArgumentException("no message " + id + " in " + RESOURCE);
        }
        return values.length == 0 ? text : String.format(text, values);
    }

    /**
     * The canonical name of a word below {@code parent} (a command alias or a group
     * alias).
     */
    String canonical(List<String> parent, String word) {
        String group = groupAliases.getOrDefault(String.join(" ", parent), Map.of()).get(word);
        if (group != null) {
            return group;
        }
        return commands.stream()
            .filter(c -> c.path().size() == parent.size() + 1 && c.path().subList(0, parent.size()).equals(parent)
                    && c.aliases().contains(word))
            .map(c -> c.path().get(parent.size()))
            .findFirst()
            .orElse(word);
    }

    Optional<Command> command(List<String> path) {
        return commands.stream().filter(c -> c.path().equals(path)).findFirst();
    }

    /** Whether some command lies below {@code path}: then {@code path} is a group. */
    boolean group(List<String> path) {
        return commands.stream()
            .anyMatch(c -> c.path().size() > path.size() && c.path().subList(0, path.size()).equals(path));
    }

    private static Flag flag(String spec) {
        String shorthand = null;
        String name = null;
        String type = "bool";
        String aliasOf = null;
        for (String word : spec.trim().split("\\s+")) {
            if (word.startsWith("alias=--")) {
                aliasOf = word.substring(8);
            }
            else if (word.startsWith("--")) {
                name = word.substring(2);
            }
            else if (word.startsWith("-")) {
                shorthand = word.substring(1);
            }
            else {
                type = word;
            }
        }
        return new Flag(name, shorthand, type, aliasOf);
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node != null) {
            node.forEach(n -> out.add(n.asString()));
        }
        return out;
    }

    private static Map<String, String> map(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node != null) {
            node.properties().forEach(e -> out.put(e.getKey(), e.getValue().asString()));
        }
        return out;
    }

}
