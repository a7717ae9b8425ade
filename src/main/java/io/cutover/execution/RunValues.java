package io.cutover.execution;

import io.cutover.migration.ExecutionValues;
import io.cutover.runbook.Parameter;
import io.cutover.runbook.ParameterType;
import io.cutover.runbook.Runbook;
import io.cutover.runbook.Template;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Values for one run's templates. In argv a connection renders without its password (the
 * passfile carries it) and a secret cannot appear at all; stdin and environment get the
 * full values.
 */
final class RunValues {

    private final Runbook runbook;

    private final ExecutionValues values;

    private final String timestamp;

    private final Path workdir;

    private final Function<String, Optional<ArtifactView>> artifacts;

    RunValues(Runbook runbook, ExecutionValues values, String timestamp, Path workdir,
            Function<String, Optional<ArtifactView>> artifacts) {
        this.runbook = runbook;
        this.values = values;
        this.timestamp = timestamp;
        this.workdir = workdir;
        this.artifacts = artifacts;
    }

    String forArgv(String name) {
        return resolve(name, false);
    }

    String forSecretChannel(String name) {
        return resolve(name, true);
    }

    /**
     * A workdir-relative path template, refused if it would leave the working directory.
     */
    Path path(String template) {
        Path resolved = workdir.resolve(Template.render(template, this::forArgv)).normalize();
        if (!resolved.startsWith(workdir)) {
            throw new StepFailure("The path '" + template + "' leaves the migration's working directory");
        }
        return resolved;
    }

    private String resolve(String name, boolean secretChannel) {
        switch (name) {
            case "timestamp":
                return timestamp;
            case "date":
                return timestamp.substring(0, 8);
            case "workdir":
                return workdir.toString();
            case Template.DATABASE:
                throw new StepFailure("${database} names the connected database and only SQL steps have one");
            default:
                break;
        }
        if (name.startsWith(Template.ARTIFACT_PREFIX)) {
            String kind = name.substring(Template.ARTIFACT_PREFIX.length());
            return artifacts.apply(kind)
                .map(ArtifactView::path)
                .orElseThrow(() -> new StepFailure("This step needs the newest '" + kind
                        + "' file, and no step has produced one yet: run " + producerOf(kind) + " first"));
        }
        Parameter parameter = runbook.parameter(name)
            .orElseThrow(() -> new StepFailure("Unknown parameter ${" + name + "}"));
        Optional<String> value = switch (parameter.type()) {
            case SECRET -> secretChannel ? Optional.ofNullable(values.secrets().get(name)) : Optional.empty();
            case CONNECTION -> values.connection(name).map(c -> secretChannel ? c.full() : c.url().withoutPassword());
            default -> Optional.ofNullable(values.plain().get(name)).filter(v -> !v.isEmpty());
        };
        return value.orElseThrow(
                () -> new StepFailure("Parameter '" + parameter.label() + "' is not set"
                        + (parameter.captured()
                                ? " (a step captures it from its output, or type it on the Parameters page)"
                                : "; set it on the Parameters page")));
    }

    private String producerOf(String kind) {
        return runbook.allPhases()
            .flatMap(p -> p.steps().stream())
            .filter(s -> s.produces().stream().anyMatch(a -> a.id().equals(kind)))
            .map(s -> "'" + s.title() + "'")
            .findFirst()
            .orElse("the step that produces it");
    }

    static boolean isSecret(Parameter p) {
        return p.type() == ParameterType.SECRET;
    }

}
