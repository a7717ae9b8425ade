package io.cutover.emulator;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * The {@code flyctl}/{@code fly} program of the sandbox and the tests. Arguments start after the
 * program name; the environment names the emulator's home ({@code CUTOVER_EMULATOR_HOME}), the
 * local PostgreSQL server ({@code CUTOVER_EMULATOR_PG}) and carries {@code FLY_API_TOKEN}.
 */
public final class FlyctlEmulator {

    static final String HOME_VARIABLE = "CUTOVER_EMULATOR_HOME";
    static final String PG_VARIABLE = "CUTOVER_EMULATOR_PG";
    static final String VERSION = "flyctl v0.3.0-cutover-emulator linux/amd64";

    private static final Map<String, ToIntFunction<Invocation>> COMMANDS = Map.ofEntries(
            Map.entry("status", AppCommands::status),
            Map.entry("machine", MachineCommands::run),
            Map.entry("machines", MachineCommands::run),
            Map.entry("m", MachineCommands::run),
            Map.entry("scale", AppCommands::scale),
            Map.entry("deploy", AppCommands::deploy),
            Map.entry("logs", AppCommands::logs),
            Map.entry("ssh", AppCommands::sshConsole),
            Map.entry("apps", AppCommands::appsDestroy),
            Map.entry("app", AppCommands::appsDestroy),
            Map.entry("secrets", SecretCommands::run),
            Map.entry("volumes", VolumeCommands::run),
            Map.entry("volume", VolumeCommands::run),
            Map.entry("vol", VolumeCommands::run),
            Map.entry("postgres", FlexPostgresCommands::run),
            Map.entry("pg", FlexPostgresCommands::run),
            Map.entry("proxy", ProxyCommand::run),
            Map.entry("mpg", MpgCommands::run),
            Map.entry("managed-postgres", MpgCommands::run));

    private FlyctlEmulator() {}

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.in, System.out, System.err));
    }

    /** Runs one command and returns its exit status; everything it prints goes to {@code out}/{@code err}. */
    public static int run(String[] args, Map<String, String> env, InputStream stdin, PrintStream out, PrintStream err) {
        try {
            FlyArgs parsed = new FlyArgs(args);
            String command = parsed.wordOr(0, "");
            if (command.equals("version")) {
                out.println(VERSION);
                return 0;
            }
            if (command.isEmpty() || command.equals("help") || parsed.has("help")) {
                out.println("This is the flyctl emulator of the Cutover sandbox: it emulates status, machine, scale, deploy, logs,");
                out.println("ssh console, apps destroy, secrets, volumes, postgres, proxy and mpg.");
                return 0;
            }
            ToIntFunction<Invocation> handler = COMMANDS.get(command);
            if (handler == null) {
                throw new FlyError("unknown command \"" + command + "\" for \"flyctl\"");
            }
            String token = env.get("FLY_API_TOKEN");
            if (token == null || token.isBlank()) {
                throw new FlyError("No access token available. Please login with 'flyctl auth login'");
            }
            String home = env.get(HOME_VARIABLE);
            if (home == null || home.isBlank()) {
                throw new FlyError(HOME_VARIABLE + " is not set: the emulator needs a directory for its state");
            }
            Invocation invocation = new Invocation(parsed, new StateStore(Path.of(home)),
                    new LocalPostgres(env.get(PG_VARIABLE)), stdin, out, err);
            return handler.applyAsInt(invocation);
        } catch (FlyError e) {
            err.println("Error: " + e.getMessage());
            return 1;
        } catch (UncheckedIOException e) {
            err.println("Error: " + e.getMessage() + ": " + e.getCause().getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("Error: " + e);
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
