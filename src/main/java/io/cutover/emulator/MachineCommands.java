package io.cutover.emulator;

/** {@code machine list}; the other machine subcommands are not part of the migration. */
final class MachineCommands {

    private MachineCommands() {
    }

    static int run(Invocation inv) {
        return AppCommands.machineList(inv);
    }

}
