package io.cutover.emulator;

import io.cutover.emulator.FlyContract.Command;
import io.cutover.emulator.FlyContract.Flag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses an invocation the way cobra and pflag do for the command the contract declares:
 * the command found from the leading words, then every flag checked against that
 * command's own flags (nothing inherited from its group but the global ones), then the
 * positional-argument rule.
 */
final class FlyCommandLine {

    /**
     * What the words name: a runnable command with its parsed arguments, or a group
     * (help, exit 0).
     */
    sealed interface Parsed permits Run, GroupHelp {

    }

    record Run(Command command, FlyArgs args) implements Parsed {
    }

    record GroupHelp(List<String> path) implements Parsed {
    }

    private final FlyContract contract;

    private final String program;

    FlyCommandLine(FlyContract contract, String program) {
        this.contract = contract;
        this.program = program;
    }

    Parsed parse(List<String> argv) {
        List<String> path = new ArrayList<>();
        List<Integer> pathIndexes = new ArrayList<>();
        for (int i = 0; i < argv.size(); i++) {
            String word = argv.get(i);
            if (word.equals("--")) {
                break;
            }
            if (word.startsWith("-") && !word.equals("-")) {
                // cobra's stripFlags: a flag without "=" that is not a known boolean eats
                // the next word.
                if (!word.contains("=") && !globalBool(word)) {
                    i++;
                }
                continue;
            }
            List<String> next = new ArrayList<>(path);
            next.add(contract.canonical(path, word));
            if (contract.command(next).isEmpty() && !contract.group(next)) {
                break;
            }
            path = next;
            pathIndexes.add(i);
        }
        if (path.isEmpty()) {
            String first = argv.stream().filter(w -> !w.startsWith("-")).findFirst().orElse("");
            throw new FlyError("unknown command \"" + first + "\" for \"" + program + "\"",
                    "Run '" + program + " --help' for usage.\n");
        }
        Command command = contract.command(path).orElse(null);
        if (command == null) {
            return new GroupHelp(path);
        }
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < argv.size(); i++) {
            if (!pathIndexes.contains(i)) {
                rest.add(argv.get(i));
            }
        }
        return new Run(command, flags(command, rest));
    }

    /** The usage text cobra prints on stdout with a flag or argument error. */
    String usage(Command command) {
        StringBuilder text = new StringBuilder("Usage:\n  " + program + " " + command.name() + " [flags]\n\nFlags:\n");
        command.flags()
            .values()
            .stream()
            .filter(f -> f.aliasOf() == null)
            .forEach(f -> text.append("  ")
                .append(f.shorthand() == null ? "    " : "-" + f.shorthand() + ", ")
                .append("--")
                .append(f.name())
                .append(f.bool() ? "" : " " + f.type())
                .append('\n'));
        return text.toString();
    }

    private FlyArgs flags(Command command, List<String> words) {
        List<String> positional = new ArrayList<>();
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (word.equals("--")) {
                positional.addAll(words.subList(i + 1, words.size()));
                break;
            }
            if (!word.startsWith("-") || word.equals("-")) {
                positional.add(word);
            }
            else if (word.startsWith("--")) {
                i = longFlag(command, words, i, values);
            }
            else {
                i = shorthands(command, words, i, values);
            }
        }
        checkArgs(command, positional);
        command.flags()
            .values()
            .stream()
            .filter(f -> f.aliasOf() != null && values.containsKey(f.name()))
            .forEach(f -> values.putIfAbsent(f.aliasOf(), values.get(f.name())));
        List<String> all = new ArrayList<>(command.path());
        all.addAll(positional);
        return new FlyArgs(command, all, values, contract);
    }

    private int longFlag(Command command, List<String> words, int i, Map<String, String> values) {
        String body = words.get(i).substring(2);
        int eq = body.indexOf('=');
        String name = eq < 0 ? body : body.substring(0, eq);
        Flag flag = command.flag(name).orElseThrow(() -> usageError(command, contract.message("unknownFlag", name)));
        String value;
        if (eq >= 0) {
            value = body.substring(eq + 1);
        }
        else if (flag.bool()) {
            value = "true";
        }
        else if (i + 1 < words.size()) {
            value = words.get(++i);
        }
        else {
            throw usageError(command, contract.message("needsArgument", name));
        }
        values.put(name, checked(command, flag, value));
        return i;
    }

    private int shorthands(Command command, List<String> words, int i, Map<String, String> values) {
        String body = words.get(i).substring(1);
        for (int c = 0; c < body.length(); c++) {
            char letter = body.charAt(c);
            Flag flag = command.shorthand(letter)
                .orElseThrow(
                        () -> usageError(command, contract.message("unknownShorthand", String.valueOf(letter), body)));
            if (flag.bool()) {
                values.put(flag.name(), "true");
                continue;
            }
            String value = body.substring(c + 1);
            if (value.startsWith("=")) {
                value = value.substring(1);
            }
            else if (value.isEmpty()) {
                if (i + 1 >= words.size()) {
                    throw usageError(command, "flag needs an argument: '" + letter + "' in -" + body);
                }
                value = words.get(++i);
            }
            values.put(flag.name(), checked(command, flag, value));
            return i;
        }
        return i;
    }

    private String checked(Command command, Flag flag, String value) {
        if (flag.type().equals("int")) {
            try {
                Long.parseLong(value);
            }
            catch (NumberFormatException e) {
                throw usageError(command, contract.message("badInt", value, flag.display(), value));
            }
        }
        return value;
    }

    private void checkArgs(Command command, List<String> args) {
        String[] rule = command.args().split(" ");
        int n = args.size();
        String error = switch (rule[0]) {
            case "none" -> n == 0 ? null
                    : "unknown command \"" + args.get(0) + "\" for \"" + program + " " + command.name() + "\"";
            case "max" ->
                n <= Integer.parseInt(rule[1]) ? null : "accepts at most " + rule[1] + " arg(s), received " + n;
            case "exact" -> n == Integer.parseInt(rule[1]) ? null : "accepts " + rule[1] + " arg(s), received " + n;
            case "min" ->
                n >= Integer.parseInt(rule[1]) ? null : "requires at least " + rule[1] + " arg(s), only received " + n;
            case "range" -> n >= Integer.parseInt(rule[1]) && n <= Integer.parseInt(rule[2]) ? null
                    : "accepts between " + rule[1] + " and " + rule[2] + " arg(s), received " + n;
            default -> null;
        };
        if (error != null) {
            throw usageError(command, error);
        }
    }

    private FlyError usageError(Command command, String message) {
        return new FlyError(message, usage(command));
    }

    private boolean globalBool(String word) {
        return List.of("--verbose", "--debug", "--help", "-h").contains(word);
    }

}
