package io.cutover.emulator;

import io.cutover.emulator.FlyContract.Command;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One parsed invocation (see {@link FlyCommandLine}): the command's canonical path words
 * followed by its positional arguments, and the flags by their long names, aliases
 * already resolved.
 */
final class FlyArgs {

    private final Command command;

    private final List<String> positional;

    private final Map<String, String> flags;

    private final FlyContract contract;

    FlyArgs(Command command, List<String> positional, Map<String, String> flags, FlyContract contract) {
        this.command = command;
        this.positional = List.copyOf(positional);
        this.flags = Map.copyOf(flags);
        this.contract = contract;
    }

    Command command() {
        return command;
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

    /** The first positional argument after the command words. */
    Optional<String> argument() {
        return word(command.path().size());
    }

    Optional<String> flag(String name) {
        return Optional.ofNullable(flags.get(name));
    }

    /**
     * A flag the command cannot run without non-interactively; missing or empty gives
     * flyctl's error.
     */
    String required(String name) {
        return flag(name).filter(v -> !v.isBlank())
            .orElseThrow(() -> new FlyError(command.required().getOrDefault(name, contract.message("nonInteractive"))));
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

    /**
     * The app the command targets: {@code -a}, else {@code FLY_APP}; the emulator never
     * has a fly.toml to read.
     */
    String app() {
        return flag("app").filter(a -> !a.isBlank()).orElseThrow(() -> new FlyError(contract.message("noAppName")));
    }

}
