package io.cutover.runbook;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks that a runbook's references hold together before anyone can act on it. */
final class RunbookValidator {

    private final Runbook runbook;

    private final List<String> problems = new ArrayList<>();

    private final Map<String, String> phaseOfStep = new HashMap<>();

    private final Set<String> artifacts = new HashSet<>();

    private RunbookValidator(Runbook runbook) {
        this.runbook = runbook;
    }

    /** Throws {@link RunbookInvalidException} listing every problem found. */
    static void validate(Runbook runbook) {
        RunbookValidator validator = new RunbookValidator(runbook);
        validator.run();
        if (!validator.problems.isEmpty()) {
            throw new RunbookInvalidException(runbook.source(), validator.problems);
        }
    }

    private void run() {
        if (blank(runbook.id())) {
            problems.add("the runbook has no id");
        }
        checkParameters();
        checkConnections();
        checkUniqueIds();
        runbook.allPhases().forEach(this::checkPhase);
        checkHints();
    }

    private void checkParameters() {
        Set<String> seen = new HashSet<>();
        for (Parameter p : runbook.parameters()) {
            if (!seen.add(p.id())) {
                problems.add("parameter '" + p.id() + "' is declared twice");
            }
            if (p.type() == null) {
                problems.add("parameter '" + p.id() + "' has no type (text, number, secret, url, connection)");
            }
            else if (p.type() == ParameterType.NUMBER && !p.defaultValue().isEmpty()
                    && !p.defaultValue().matches("-?\\d+")) {
                problems
                    .add("parameter '" + p.id() + "' is a number but its default '" + p.defaultValue() + "' is not");
            }
            else if (p.type() == ParameterType.SECRET && !p.defaultValue().isEmpty()) {
                problems.add("parameter '" + p.id() + "' is a secret and must not have a default in the runbook");
            }
        }
    }

    private void checkConnections() {
        runbook.connections().forEach((target, parameterId) -> {
            if (runbook.parameter(parameterId).map(p -> p.type() != ParameterType.CONNECTION).orElse(true)) {
                problems.add("connection '" + target.name().toLowerCase()
                        + "' must name a parameter of type connection, not '" + parameterId + "'");
            }
        });
    }

    private void checkUniqueIds() {
        Set<String> phaseIds = new HashSet<>();
        Set<String> gateIds = new HashSet<>();
        Map<String, String> itemGate = new HashMap<>();
        runbook.allPhases().forEach(phase -> {
            if (!phaseIds.add(phase.id())) {
                problems.add("phase id '" + phase.id() + "' is used twice");
            }
            for (Step step : phase.steps()) {
                String earlier = phaseOfStep.putIfAbsent(step.id(), phase.id());
                if (earlier != null) {
                    problems.add("step '" + step.id() + "' (phase '" + phase.id()
                            + "'): duplicate step id, already used in phase '" + earlier + "'");
                }
                step.produces().forEach(a -> artifacts.add(a.id()));
            }
            for (Gate gate : phase.gates()) {
                if (!gateIds.add(gate.id())) {
                    problems.add("gate id '" + gate.id() + "' is used twice");
                }
                for (GateItem item : gate.items()) {
                    String other = itemGate.putIfAbsent(item.id(), gate.id());
                    if (other != null) {
                        problems.add("gate item '" + item.id() + "' (gate '" + gate.id()
                                + "'): duplicate item id, already used in gate '" + other + "'");
                    }
                }
            }
        });
    }

    private void checkPhase(Phase phase) {
        if (phase.isFlow() && runbook.linearIndex(phase.opensWhenStarted()) < 0) {
            problems
                .add("flow '" + phase.id() + "' opens when unknown phase '" + phase.opensWhenStarted() + "' starts");
        }
        if (phase.waitsForStablePeriod()) {
            String where = "phase '" + phase.id() + "'";
            require(runbook.linearIndex(phase.stableSince()) >= 0, where,
                    "waits after unknown phase '" + phase.stableSince() + "'");
            require(phase.stableDays() != null && !phase.stableDays().isBlank(), where, "stableSince needs stableDays");
            Template.placeholders(phase.stableDays()).forEach(name -> checkReference(where, name));
        }
        if (phase.hasDueDate()) {
            require(phase.dueDaysAfterCutover() >= 0 && phase.dueDaysAfterCutover() <= 365,
                    "phase '" + phase.id() + "'", "dueDaysAfterCutover must be 0 to 365 days");
        }
        phase.steps().forEach(step -> checkStep(phase, step));
        phase.gates().forEach(gate -> checkGate(phase, gate));
    }

    private void checkStep(Phase phase, Step step) {
        String where = "step '" + step.id() + "' (phase '" + phase.id() + "')";
        if (step.kind() == null) {
            problems.add(where + ": no kind (command, sql, check, manual)");
            return;
        }
        switch (step.kind()) {
            case COMMAND -> require(!step.commands().isEmpty() && step.commands().stream().noneMatch(List::isEmpty),
                    where, "a command step needs argv or a pipeline");
            case SQL -> {
                require(!blank(step.sql()), where, "a sql step needs sql");
                require(step.target() != null && runbook.connections().containsKey(step.target()), where,
                        "a sql step needs a target the runbook's connections name (source or target)");
            }
            case CHECK -> require(!blank(step.check()), where, "a check step must name its check");
            case MANUAL -> require(!blank(step.instructions()), where, "a manual step needs instructions");
        }
        step.templates()
            .flatMap(t -> Template.placeholders(t).stream())
            .distinct()
            .forEach(name -> checkReference(where, name));
        step.argvTemplates()
            .flatMap(t -> Template.placeholders(t).stream())
            .distinct()
            .filter(name -> runbook.parameter(name).map(p -> p.type() == ParameterType.SECRET).orElse(false))
            .forEach(name -> problems.add(where + ": secret parameter ${" + name
                    + "} would appear in a child's argv; pass it through stdin or env"));
        for (String before : step.after()) {
            if (!phaseOfStep.containsKey(before)) {
                problems.add(where + ": must come after unknown step '" + before + "'");
            }
        }
        for (Capture capture : step.captures()) {
            if (runbook.parameter(capture.parameter()).isEmpty()) {
                problems.add(where + ": captures unknown parameter '" + capture.parameter() + "'");
            }
        }
        step.when().forEach((param, value) -> checkCondition(where, param, value));
        checkHarm(where, step);
    }

    /**
     * A step that stops or restarts the site must ask for a typed confirmation; a
     * "nothing found" search must say since when.
     */
    private void checkHarm(String where, Step step) {
        require(!step.destroys(Harm.SITE) || step.needsConfirmation(), where,
                "a step that starts or ends downtime needs a typed confirmation (confirm)");
        NothingFound search = step.nothingFound();
        if (search != null) {
            require(step.kind() == StepKind.COMMAND, where, "nothingFound applies to command steps");
            require(search.since() == null || phaseOfStep.containsKey(search.since()), where,
                    "nothingFound counts since unknown step '" + search.since() + "'");
            try {
                search.compiled();
            }
            catch (RuntimeException e) {
                problems.add(where + ": nothingFound pattern is not a valid regular expression");
            }
        }
    }

    /**
     * A condition names a parameter with fixed choices and one of them, or it could never
     * be met.
     */
    private void checkCondition(String where, String param, String value) {
        var parameter = runbook.parameter(param);
        if (parameter.isEmpty()) {
            problems.add(where + ": applies when unknown parameter '" + param + "' is '" + value + "'");
        }
        else if (!parameter.get().choices().contains(value)) {
            problems.add(where + ": applies when '" + param + "' is '" + value + "', which is not one of its choices "
                    + parameter.get().choices());
        }
    }

    private void checkReference(String where, String name) {
        if (Template.BUILT_INS.contains(name) || runbook.parameter(name).isPresent()) {
            return;
        }
        if (name.startsWith(Template.ARTIFACT_PREFIX)) {
            String artifact = name.substring(Template.ARTIFACT_PREFIX.length());
            if (!artifacts.contains(artifact)) {
                problems.add(where + ": refers to artifact '" + artifact + "' that no step produces");
            }
            return;
        }
        problems.add(where + ": refers to unknown parameter ${" + name + "}");
    }

    private void checkGate(Phase phase, Gate gate) {
        String where = "gate '" + gate.id() + "' (phase '" + phase.id() + "')";
        require(gate.position() != null, where, "no position (entry, exit, step)");
        require(gate.approvals() >= 1, where, "needs at least one approval per item");
        require(!gate.items().isEmpty(), where, "has no items");
        if (gate.position() == GatePosition.STEP) {
            require(gate.guards() != null && phase.stepIds().contains(gate.guards()), where,
                    "a step gate must guard a step of its own phase");
        }
        if (gate.critical()) {
            require(gate.approvals() >= 2, where, "a critical gate needs at least two distinct approvers");
        }
        for (String performersPhase : gate.performersOf()) {
            require(runbook.phase(performersPhase).isPresent(), where,
                    "performersOf names unknown phase '" + performersPhase + "'");
        }
        for (GateItem item : gate.items()) {
            for (String evidence : item.evidence()) {
                if (!phaseOfStep.containsKey(evidence)) {
                    problems.add(where + ", item '" + item.id() + "': evidence names unknown step '" + evidence + "'");
                }
            }
        }
    }

    private void checkHints() {
        Set<String> ids = new HashSet<>();
        for (TroubleshootingHint hint : runbook.troubleshooting()) {
            String where = "troubleshooting hint '" + hint.id() + "'";
            require(ids.add(hint.id()), where, "id is used twice");
            require(!blank(hint.cause()) && !blank(hint.fix()), where, "needs a cause and a fix");
            try {
                hint.compiled();
            }
            catch (java.util.regex.PatternSyntaxException e) {
                problems.add(where + ": pattern is not a valid regular expression: " + e.getDescription());
            }
        }
    }

    private void require(boolean condition, String where, String message) {
        if (!condition) {
            problems.add(where + ": " + message);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

}
