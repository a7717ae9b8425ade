package io.cutover.emulator;

import io.cutover.emulator.FlyCommandLine.GroupHelp;
import io.cutover.emulator.FlyCommandLine.Parsed;
import io.cutover.emulator.FlyCommandLine.Run;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * The {@code flyctl}/{@code fly} program of the sandbox and the tests. Arguments start
 * after the program name; the environment names the emulator's home
 * ({@code CUTOVER_EMULATOR_HOME}), the local PostgreSQL server
 * ({@code CUTOVER_EMULATOR_PG}), the name it was called by
 * ({@code CUTOVER_EMULATOR_NAME}, fly or flyctl) and carries {@code FLY_API_TOKEN}. Every
 * invocation is parsed against the contract first ({@link FlyCommandLine}).
 */
public final class FlyctlEmulator {

    static final String HOME_VARIABLE = "CUTOVER_EMULATOR_HOME";
    static final String PG_VARIABLE = "CUTOVER_EMULATOR_PG";
    static final String NAME_VARIABLE = "CUTOVER_EMULATOR_NAME";
    static final String VERSION = "flyctl v0.3.0-cutover-emulator linux/amd64";

    private static final Map<String, ToIntFunction<Invocation>> COMMANDS = Map.ofEntries(
            Map.entry("status", AppCommands::status), Map.entry("machine", MachineCommands::run),
            Map.entry("scale", ScaleCommands::run), Map.entry("deploy", DeployCommand::run),
            Map.entry("releases", DeployCommand::releases), Map.entry("logs", AppCommands::logs),
            Map.entry("ssh", AppCommands::sshConsole), Map.entry("apps", AppCommands::appsDestroy),
            Map.entry("secrets", SecretCommands::run), Map.entry("volumes", VolumeCommands::run),
            Map.entry("postgres", FlexPostgresCommands::run), Map.entry("proxy", ProxyCommand::run),
            Map.entry("mpg", MpgCommands::run));

    private FlyctlEmulator() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.in, System.out, System.err));
    }

    /**
     * Runs one command and returns its exit status; everything it prints goes to
     * {@code out}/{@code err}.
     */
    public static int run(String[] args, Map<String, String> env, InputStream stdin, PrintStream out, PrintStream err) {
        String program = env.getOrDefault(NAME_VARIABLE, "flyctl");
        FlyContract contract = FlyContract.get();
        Run run = null;
        try {
            if (args.length == 1
                    && (args[0].equals("version") || args[0].equals("--version") || args[0].equals("-v"))) {
                out.println(VERSION);
                return 0;
            }
            Parsed parsed = new FlyCommandLine(contract, program).parse(Arrays.asList(args));
            if (parsed instanceof GroupHelp help) {
                // cobra: a group without a runnable subcommand prints its help and flyctl
                // exits 0 (contract 1.1).
                out.println("Usage:\n  " + program + " " + String.join(" ", help.path()) + " [command]");
                return 0;
            }
            run = (Run) parsed;
            if (run.args().has("help")) {
                out.print(new FlyCommandLine(contract, program).usage(run.command()));
                return 0;
            }
            String home = env.get(HOME_VARIABLE);
            if (home == null || home.isBlank()) {
                throw new FlyError(HOME_VARIABLE + " is not set: the emulator needs a directory for its state");
            }
            FlyToken caller = authenticate(contract, run, env, Path.of(home));
            Invocation invocation = new Invocation(run.args(), new StateStore(Path.of(home), caller),
                    new LocalPostgres(env.get(PG_VARIABLE)), env, stdin, out, err);
            return COMMANDS.get(run.command().path().get(0)).applyAsInt(invocation);
        }
        catch (EmulatorState.AppNotFound e) {
            err.println("Error: " + (run == null ? e.getMessage() : run.command().appNotFound(e.app, e.getMessage())));
            return 1;
        }
        catch (FlyError e) {
            out.print(e.stdout());
            err.println("Error: " + e.getMessage());
            return 1;
        }
        catch (UncheckedIOException e) {
            err.println("Error: " + e.getMessage() + ": " + e.getCause().getMessage());
            return 1;
        }
        catch (RuntimeException e) {
            err.println("Error: " + e);
            return 1;
        }
        finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * The token checks flyctl makes before any API call (login, then the MPG macaroon
     * check), and the one the API makes: a token it never issued is refused.
     */
    private static FlyToken authenticate(FlyContract contract, Run run, Map<String, String> env, Path home) {
        String token = run.args()
            .flag("access-token")
            .orElseGet(() -> env.getOrDefault("FLY_ACCESS_TOKEN", env.get("FLY_API_TOKEN")));
        if (token == null || token.isBlank()) {
            throw new FlyError(contract.message("noToken"));
        }
        if (run.command().path().get(0).equals("mpg") && FlyToken.parts(token).stream().noneMatch(FlyToken::macaroon)) {
            throw new FlyError(contract.message("mpgOldToken"));
        }
        // Server-side and unverified (contract 5): the emulator answers a token it never
        // issued as unauthorized.
        return FlyToken.lookup(new StateStore(home).read().tokens, token)
            .orElseThrow(() -> new FlyError("unauthorized"));
    }

}
