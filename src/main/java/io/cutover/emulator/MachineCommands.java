package io.cutover.emulator;

/** {@code machine list}; the other machine subcommands are not part of the migration. */
final class MachineCommands {

    private MachineCommands() {}

    static int run(Invocation inv) {
        String sub = inv.args().wordOr(1, "");
        if (sub.equals("list") || sub.equals("ls")) {
            return AppCommands.machineList(inv);
        }
        throw new FlyError("unknown command \"" + sub + "\" for \"flyctl machine\"");
    }
}
