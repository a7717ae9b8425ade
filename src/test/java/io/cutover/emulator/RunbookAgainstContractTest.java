package io.cutover.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.emulator.FlyCommandLine.Run;
import io.cutover.emulator.RunbookFlyctlCommands.Command;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped runbook against real flyctl's command line (flyctl/contract.yaml): every
 * fly/flyctl argv names a command flyctl has, uses only that command's flags, has the
 * arguments it accepts and every flag it cannot run without. A runbook edit cannot bring
 * back a flag real flyctl rejects.
 */
class RunbookAgainstContractTest {

    private final FlyCommandLine parser = new FlyCommandLine(FlyContract.get(), "flyctl");

    static List<Command> runbookCommands() {
        return RunbookFlyctlCommands.all();
    }

    @Test
    void theRunbookHasFlyctlCommandsToCheck() {
        assertThat(runbookCommands()).extracting(Command::step)
            .contains("token-org", "mpg-create", "mpg-users-create", "mpg-databases-create", "deploy", "scale-down",
                    "volume-snapshot-list");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runbookCommands")
    void parsesAgainstTheContractWithEveryRequiredFlag(Command command) {
        Object parsed = parser.parse(command.args());
        assertThat(parsed).as("%s resolves to a command flyctl runs", command).isInstanceOf(Run.class);
        Run run = (Run) parsed;
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, String> required : run.command().required().entrySet()) {
            if (run.args().flag(required.getKey()).filter(v -> !v.isBlank()).isEmpty()) {
                missing.add("--" + required.getKey() + " (" + required.getValue() + ")");
            }
        }
        assertThat(missing).as("%s: flags flyctl cannot run without", command).isEmpty();
        if (run.command().path().get(0).equals("mpg")
                && List.of("create", "list").contains(run.command().path().get(1))) {
            assertThat(run.args().flag("org")).as("%s: without --org flyctl must prompt for the org", command)
                .isPresent();
        }
        if (List
            .of("status", "connect", "proxy", "attach", "detach", "backup", "restore", "users", "databases", "destroy")
            .contains(run.command().path().size() > 1 ? run.command().path().get(1) : "")
                && run.command().path().get(0).equals("mpg")) {
            assertThat(run.args().argument()).as("%s: without a cluster id flyctl must prompt for it", command)
                .isPresent();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runbookCommands")
    void anUnknownFlagOnEveryRunbookCommandIsRefusedWithFlyctlsText(Command command) {
        List<String> args = new ArrayList<>(command.args());
        args.add("--no-such-flag");
        EmulatorFixture.Result result = EmulatorFixture.runStateless(args);

        assertThat(result.exit()).as(command.toString()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("Error: unknown flag: --no-such-flag\n");
        assertThat(result.out()).as("cobra prints the usage on stdout").startsWith("Usage:\n  flyctl ");
    }

}
