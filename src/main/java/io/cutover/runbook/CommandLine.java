package io.cutover.runbook;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Renders a command step's argv templates. Values become whole arguments (no shell ever
 * parses them); {@link #display} quotes them only so a person can read and copy the
 * command.
 */
public final class CommandLine {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    private CommandLine() {
    }

    /** Each stage's argv with placeholders replaced. */
    public static List<List<String>> argv(Step step, Function<String, String> valueOf) {
        return step.commands()
            .stream()
            .map(stage -> stage.stream().map(arg -> Template.render(arg, valueOf)).toList())
            .toList();
    }

    /**
     * The command as a person would type it, stages joined by pipes, with stdin/stdout
     * shown.
     */
    public static String display(Step step, Function<String, String> valueOf) {
        String line = join(argv(step, valueOf));
        if (step.stdin() != null) {
            line = line + " <<< " + quote(Template.render(step.stdin(), valueOf));
        }
        if (step.stdout() != null) {
            line = line + " > " + quote(Template.render(step.stdout(), valueOf));
        }
        return line;
    }

    /** Stages joined by pipes, each argument quoted only where a shell would need it. */
    public static String join(List<List<String>> stages) {
        return stages.stream()
            .map(stage -> stage.stream().map(CommandLine::quote).collect(Collectors.joining(" ")))
            .collect(Collectors.joining(" | "));
    }

    static String quote(String arg) {
        if (!arg.isEmpty() && SAFE.matcher(arg).matches()) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }

}
