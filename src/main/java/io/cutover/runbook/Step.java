package io.cutover.runbook;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One thing to do. Which fields matter depends on {@link #kind()}: a command has
 * {@code argv} (or a {@code pipeline} of argvs joined by pipes the panel builds itself,
 * never a shell), a SQL step has {@code sql} and {@code target}, a check names a built-in
 * {@code check}, a manual step has {@code instructions} and maybe a {@code snippet}.
 *
 * @param purpose why the step exists, in one or two sentences
 * @param optional an optional step need not be done for its phase to be done
 * @param stdin text written to the child's standard input (the only way a secret may
 * reach a command besides the environment and the passfile)
 * @param saveOutput workdir-relative file that receives a copy of the output (the log
 * still shows it)
 * @param stdout workdir-relative file that receives the raw standard output instead of
 * the log
 * @param successExitCodes exit codes that mean success (default 0 only); in a pipeline
 * they apply to the last stage, every earlier stage must exit 0
 * @param confirm text the operator must type before the step runs (for irreversible
 * steps)
 * @param covers the seed runbook's commands this step carries out, for traceability
 * @param options settings a built-in check reads (templates, so a check can follow
 * parameters)
 * @param after steps that must be done before this one may act (a dump waits for its
 * preflight)
 * @param downtime START when this step's success stops writes (scale to zero), END when
 * it brings the site back (scale up; the clock stops when the site answers 200)
 * @param when parameter values under which the step applies (the migration's strategy); a
 * step that does not apply is not required, cannot act, and does not hold up the steps
 * after it
 * @param destroys what the step destroys or overwrites; the panel refuses it when the
 * migration's present position makes that dangerous
 * @param appDatabase the database the app's DATABASE_URL names once this step is done
 * (the attach: target; the rollback's restored URL: source)
 * @param nothingFound for a search whose good outcome is finding nothing: what fails it
 * @param confirmRefill text to type before the step overwrites a target the panel already
 * filled (a restore run again after an interrupted one empties the target first)
 */
public record Step(String id, String title, StepKind kind, String purpose, boolean optional, List<String> argv,
        List<List<String>> pipeline, String stdin, Map<String, String> env, String saveOutput, String stdout,
        List<Integer> successExitCodes, Duration timeout, String confirm, List<Artifact> produces,
        List<Capture> captures, String sql, SqlTarget target, String check, String instructions, Snippet snippet,
        List<String> covers, Map<String, String> options, List<String> after, DowntimeMark downtime,
        Map<String, String> when, List<Harm> destroys, SqlTarget appDatabase, NothingFound nothingFound,
        String confirmRefill) {

    public Step {
        purpose = purpose == null ? "" : purpose;
        argv = argv == null ? List.of() : List.copyOf(argv);
        pipeline = pipeline == null ? List.of() : pipeline.stream().map(List::copyOf).toList();
        env = env == null ? Map.of() : Map.copyOf(env);
        successExitCodes = successExitCodes == null || successExitCodes.isEmpty() ? List.of(0)
                : List.copyOf(successExitCodes);
        produces = produces == null ? List.of() : List.copyOf(produces);
        captures = captures == null ? List.of() : List.copyOf(captures);
        covers = covers == null ? List.of() : List.copyOf(covers);
        options = options == null ? Map.of() : Map.copyOf(options);
        after = after == null ? List.of() : List.copyOf(after);
        when = when == null ? Map.of() : Map.copyOf(when);
        destroys = destroys == null ? List.of() : List.copyOf(destroys);
    }

    public boolean destroys(Harm harm) {
        return destroys.contains(harm);
    }

    /** Whether the step applies to a migration with these parameter values. */
    public boolean appliesWith(java.util.function.Function<String, String> values) {
        return when.entrySet().stream().allMatch(e -> e.getValue().equals(values.apply(e.getKey())));
    }

    /** The commands of this step: one argv, or each stage of the pipeline. */
    public List<List<String>> commands() {
        return pipeline.isEmpty() ? (argv.isEmpty() ? List.of() : List.of(argv)) : pipeline;
    }

    /** Every template string of the step whose placeholders must resolve. */
    public Stream<String> templates() {
        return Stream
            .of(commands().stream().flatMap(List::stream), env.values().stream(), options.values().stream(),
                    produces.stream().map(Artifact::path),
                    Stream.of(stdin, saveOutput, stdout, confirm, confirmRefill, sql, instructions),
                    Stream.ofNullable(snippet).map(Snippet::text))
            .flatMap(s -> s)
            .filter(s -> s != null && !s.isEmpty());
    }

    /** Template strings that end up in a child's argv, where no secret may go. */
    public Stream<String> argvTemplates() {
        return Stream.concat(commands().stream().flatMap(List::stream), Stream.ofNullable(saveOutput));
    }

    public boolean needsConfirmation() {
        return confirm != null && !confirm.isBlank();
    }
}
