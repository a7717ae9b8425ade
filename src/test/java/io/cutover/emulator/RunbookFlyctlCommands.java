package io.cutover.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Every fly/flyctl command line of the shipped runbook, its placeholders filled with
 * sample values.
 */
final class RunbookFlyctlCommands {

    static final Path RUNBOOK = Path.of("src/main/resources/runbooks/flex-to-mpg.yaml");

    /** A step's command line as the panel would start it (without the program name). */
    record Command(String step, List<String> args) {
        @Override
        public String toString() {
            return step + ": " + String.join(" ", args);
        }
    }

    private RunbookFlyctlCommands() {
    }

    static List<Command> all() {
        JsonNode root;
        try {
            root = YAMLMapper.builder().build().readTree(RUNBOOK.toFile());
        }
        catch (tools.jackson.core.JacksonException e) {
            throw new UncheckedIOException(new IOException(e));
        }
        Map<String, String> samples = new java.util.HashMap<>();
        root.get("parameters")
            .forEach(p -> samples.put(p.get("id").asString(),
                    p.has("defaultValue") ? p.get("defaultValue").asString() : "sample-" + p.get("id").asString()));
        List<Command> commands = new ArrayList<>();
        for (String list : List.of("phases", "flows")) {
            for (JsonNode phase : root.get(list)) {
                for (JsonNode step : phase.get("steps")) {
                    List<JsonNode> argvs = new ArrayList<>();
                    if (step.has("argv")) {
                        argvs.add(step.get("argv"));
                    }
                    if (step.has("pipeline")) {
                        step.get("pipeline").forEach(argvs::add);
                    }
                    for (JsonNode argv : argvs) {
                        List<String> words = new ArrayList<>();
                        argv.forEach(w -> words.add(render(w.asString(), samples)));
                        if (List.of("fly", "flyctl").contains(words.get(0))) {
                            commands.add(new Command(step.get("id").asString(), words.subList(1, words.size())));
                        }
                    }
                }
            }
        }
        return commands;
    }

    private static String render(String word, Map<String, String> samples) {
        Matcher m = Pattern.compile("\\$\\{([^}]+)}").matcher(word);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(samples.getOrDefault(m.group(1), "sample")));
        }
        return m.appendTail(out).toString();
    }

}
