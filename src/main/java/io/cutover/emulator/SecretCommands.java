package io.cutover.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code secrets set|import|unset|list}. A change without {@code --stage} restarts the
 * started machines so they run with it; a staged change only reaches the store and waits
 * for the next deploy or start. Values are never printed.
 */
final class SecretCommands {

    private SecretCommands() {
    }

    static int run(Invocation inv) {
        return switch (inv.args().wordOr(1, "")) {
            case "set" -> change(inv, parsePairs(inv.args().wordsFrom(2)), List.of());
            case "import" -> change(inv, parseImport(inv), List.of());
            case "unset" -> change(inv, Map.of(), inv.args().wordsFrom(2));
            default -> list(inv);
        };
    }

    /**
     * Sets and unsets secrets as one change; shared with {@code mpg attach} and
     * {@code mpg detach}.
     */
    static void apply(FlyApp app, Map<String, String> set, List<String> unset, boolean stage, java.io.PrintStream out) {
        String now = Ids.now();
        set.forEach((name, value) -> {
            app.secrets.put(name, value);
            app.secretCreatedAt.put(name, now);
        });
        unset.forEach(name -> {
            app.secrets.remove(name);
            app.secretCreatedAt.remove(name);
            app.stagedSecretNames.remove(name);
        });
        if (stage) {
            app.stagedSecretNames.addAll(set.keySet());
            out.println(
                    "Secrets have been staged, but not set on VMs. Deploy or update machines in this app for the secrets to take effect.");
        }
        else if (app.machines.isEmpty()) {
            app.stagedSecretNames.addAll(set.keySet());
            out.println("Secrets are staged for the first deployment");
        }
        else {
            AppLifecycle.release(app, "Secrets updated");
            AppLifecycle.rollingUpdate(app, out);
        }
    }

    private static int change(Invocation inv, Map<String, String> set, List<String> unset) {
        String appName = inv.args().app();
        boolean stage = inv.args().has("stage");
        return inv.store().update(state -> {
            apply(state.app(appName), set, unset, stage, inv.out());
            return 0;
        });
    }

    private static int list(Invocation inv) {
        FlyApp app = inv.store().read().app(inv.args().app());
        if (inv.args().json()) {
            inv.out().println(StateStore.JSON.writeValueAsString(app.secrets.keySet().stream().map(name -> {
                Map<String, String> json = new LinkedHashMap<>();
                json.put("name", name);
                json.put("digest", digest(app.secrets.get(name)));
                json.put("created_at", app.secretCreatedAt.getOrDefault(name, ""));
                json.put("status", status(app, name));
                return json;
            }).toList()));
            return 0;
        }
        TextTable table = new TextTable("Name", "Digest", "Created At", "Status");
        for (String name : app.secrets.keySet()) {
            String created = app.secretCreatedAt.get(name);
            table.row(name, digest(app.secrets.get(name)), created == null ? "" : Ids.ago(created), status(app, name));
        }
        table.print(inv.out());
        return 0;
    }

    /** With no machines every secret is Staged (contract 2.9). */
    private static String status(FlyApp app, String name) {
        return app.machines.isEmpty() || app.stagedSecretNames.contains(name) ? "Staged" : "Deployed";
    }

    /** Enough of the value's hash to see that it changed, nothing that reveals it. */
    static String digest(String value) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, 16);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> parsePairs(List<String> words) {
        if (words.isEmpty()) {
            throw new FlyError("requires at least 1 arg(s), only received 0");
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String word : words) {
            int eq = word.indexOf('=');
            if (eq <= 0) {
                throw new FlyError("could not parse secrets: '" + word + "': must be in the format NAME=VALUE");
            }
            pairs.put(word.substring(0, eq), word.substring(eq + 1));
        }
        return pairs;
    }

    /**
     * NAME=VALUE lines from stdin; blank lines and # comments are skipped, one level of
     * quotes removed.
     */
    private static Map<String, String> parseImport(Invocation inv) {
        String input;
        try {
            input = new String(inv.in().readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> lines = input.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        for (String line : lines) {
            if (line.indexOf('=') <= 0) {
                throw new FlyError("Failed to parse secrets from stdin: Secrets must be provided as NAME=VALUE pairs ("
                        + line + " is invalid)");
            }
        }
        if (lines.isEmpty()) {
            throw new FlyError("requires at least one SECRET=VALUE pair");
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        lines.forEach(l -> pairs.put(l.substring(0, l.indexOf('=')).strip(), l.substring(l.indexOf('=') + 1).strip()));
        pairs.replaceAll((name, value) -> value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value);
        return pairs;
    }

}
