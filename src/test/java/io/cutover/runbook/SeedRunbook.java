package io.cutover.runbook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the team's seed runbook (shared/seed) so tests can check the product still covers
 * it.
 */
final class SeedRunbook {

    static final Path LOCATION = Path.of("..", "shared", "seed", "flex-to-mpg-runbook.md");

    private static final Set<String> COMMAND_WORDS = Set.of("flyctl", "fly", "pg_dump", "pg_restore", "psql", "aws",
            "curl", "gzip", "ls", "mkdir", "cd", "cat", "diff", "echo");

    private final List<String> lines;

    SeedRunbook() throws IOException {
        this.lines = Files.readAllLines(LOCATION);
    }

    /**
     * Shell command lines of the procedure (bash blocks before the quick reference),
     * continuations joined.
     */
    List<String> commands() {
        List<String> commands = new ArrayList<>();
        boolean inBlock = false;
        boolean bash = false;
        StringBuilder pending = null;
        for (String line : procedure()) {
            if (line.startsWith("```")) {
                bash = !inBlock && line.substring(3).trim().equals("bash");
                inBlock = !inBlock;
                continue;
            }
            String s = line.strip();
            if (!inBlock || !bash) {
                continue;
            }
            if (pending != null) {
                pending.append(' ').append(stripContinuation(s));
                if (!s.endsWith("\\")) {
                    commands.add(normalize(pending.toString()));
                    pending = null;
                }
            }
            else if (!s.isEmpty() && !s.startsWith("#") && COMMAND_WORDS.contains(s.split("\\s+")[0])) {
                if (s.endsWith("\\")) {
                    pending = new StringBuilder(stripContinuation(s));
                }
                else {
                    commands.add(normalize(s));
                }
            }
        }
        return commands;
    }

    /** Number of "- [ ]" items under each "### ..." heading that has any. */
    Map<String, Integer> checklists() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        String heading = null;
        for (String line : procedure()) {
            if (line.startsWith("### ")) {
                heading = line.substring(4).strip();
            }
            else if (line.startsWith("- [ ]") && heading != null) {
                counts.merge(heading, 1, Integer::sum);
            }
        }
        return counts;
    }

    static String normalize(String command) {
        return command.strip().replaceAll("\\s+", " ");
    }

    private List<String> procedure() {
        int end = lines.indexOf("## MPG CLI Quick Reference");
        return end < 0 ? lines : lines.subList(0, end);
    }

    private static String stripContinuation(String s) {
        return s.endsWith("\\") ? s.substring(0, s.length() - 1).strip() : s;
    }

}
