package io.cutover.position;

import io.cutover.execution.FlyctlQueries;
import io.cutover.migration.MigrationManagement;
import io.cutover.runbook.Step;
import io.cutover.runbook.Template;
import io.cutover.shared.ConnectionUrl;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which database the app points at now, asked of Fly rather than read from the step
 * history: a secret changed by hand, a rollback done outside the panel or an attach never
 * deployed leaves the history saying "on the cluster" while the machines still read Flex.
 * A step that destroys the Flex app declares the app to ask about in its options
 * ({@code attachedApp}, {@code flexApp}, {@code cluster}); two read-only flyctl commands
 * answer, as real flyctl has them: {@code secrets list --json} (is DATABASE_URL deployed,
 * or does a staged change wait for the next start) and
 * {@code ssh console -C "printenv DATABASE_URL"} (what the running machines use; only its
 * host is kept, the value is dropped at once).
 */
@Component
class AppAttachment {

    static final String APP = "attachedApp";
    static final String FLEX_APP = "flexApp";
    static final String CLUSTER = "cluster";

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static final String VARIABLE = "DATABASE_URL";

    private final FlyctlQueries fly;

    private final MigrationManagement migrations;

    AppAttachment(FlyctlQueries fly, MigrationManagement migrations) {
        this.fly = fly;
        this.migrations = migrations;
    }

    /**
     * Why the Flex app must not be destroyed, judged from the app's live attachment;
     * empty when it points at the cluster.
     */
    Optional<String> refusal(long migrationId, Step step, Position position) {
        Optional<String> app = option(migrationId, step, APP);
        if (app.isEmpty()) {
            return Optional.empty();
        }
        String flexApp = option(migrationId, step, FLEX_APP).orElse("");
        String cluster = option(migrationId, step, CLUSTER).orElse("");
        String refused = "Refused: '" + step.title() + "' destroys the Flex app, and the history says "
                + position.label() + ", but Fly says otherwise: ";
        FlyctlQueries.Answer secrets = fly.ask(migrationId, List.of("secrets", "list", "--app", app.get(), "--json"),
                TIMEOUT);
        if (!secrets.succeeded()) {
            return Optional.of(refused + "the app's secrets could not be read (" + secrets.problem()
                    + "), so nobody knows which database it uses.");
        }
        Optional<String> status = status(String.join("\n", secrets.stdout()));
        if (status.isEmpty()) {
            return Optional
                .of(refused + app.get() + " has no " + VARIABLE + ", so nobody knows which database it will use.");
        }
        if (!status.get().equals("Deployed")) {
            return Optional.of(refused + app.get() + "'s " + VARIABLE + " is " + status.get()
                    + ": a change not yet on its machines, which run with"
                    + " another value than the next start will. Deploy or roll back first.");
        }
        FlyctlQueries.Answer running = fly.ask(migrationId,
                List.of("ssh", "console", "--app", app.get(), "-C", "printenv " + VARIABLE), TIMEOUT);
        Optional<String> host = running.succeeded() ? host(running.stdout()) : Optional.empty();
        if (host.isEmpty()) {
            return Optional.of(refused + "the running machines' " + VARIABLE + " could not be read ("
                    + (running.succeeded() ? "no URL in the answer" : running.problem()) + ").");
        }
        if (!flexApp.isEmpty() && Arrays.asList(host.get().split("\\.")).contains(flexApp)) {
            return Optional.of(refused + app.get() + " still points at the Flex database: its running " + VARIABLE
                    + " names " + host.get() + ". Destroying " + flexApp
                    + " would drop the database the site serves from; attach the cluster and deploy, or finish the rollback.");
        }
        if (!cluster.isEmpty() && !host.get().contains(cluster)) {
            return Optional
                .of(refused + app.get() + "'s running " + VARIABLE + " names " + host.get() + ", not the cluster "
                        + cluster + ". The Flex app is destroyed only while the app runs on the cluster.");
        }
        return Optional.empty();
    }

    private Optional<String> option(long migrationId, Step step, String name) {
        String template = step.options().get(name);
        if (template == null) {
            return Optional.empty();
        }
        var details = migrations.details(migrationId);
        return Optional.of(Template.render(template, details::display).strip()).filter(v -> !v.isEmpty());
    }

    /**
     * DATABASE_URL's status in {@code secrets list --json} ([{"name","digest","status"}],
     * contract 2.9).
     */
    static Optional<String> status(String json) {
        JsonNode list;
        try {
            list = JsonMapper.shared().readTree(json);
        }
        catch (RuntimeException e) {
            return Optional.empty();
        }
        for (JsonNode secret : list) {
            if (secret.has("name") && VARIABLE.equals(secret.get("name").asString())) {
                return Optional.of(secret.has("status") ? secret.get("status").asString() : "Unknown");
            }
        }
        return Optional.empty();
    }

    /**
     * The host of the URL flyctl printed (it may print "No machine specified, using …"
     * first); the rest of the value is not kept.
     */
    static Optional<String> host(List<String> stdout) {
        for (int i = stdout.size() - 1; i >= 0; i--) {
            String line = stdout.get(i).strip();
            if (line.matches("postgres(ql)?://\\S+")) {
                try {
                    return Optional.ofNullable(ConnectionUrl.parse(line).url().host());
                }
                catch (RuntimeException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

}
