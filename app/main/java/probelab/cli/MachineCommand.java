package probelab.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import probelab.Config;
import probelab.OpenDatabase;
import probelab.storage.machines.MachineRow;
import probelab.storage.machines.Machines;

import java.util.concurrent.Callable;

/** Prints this machine's id and name, or names it; lists the other machines the database holds runs of. */
@Command(name = "machine", description = "Print this machine's id and name (the report calls its runs' series "
        + "`native @ NAME` beside other machines'), or set the name with --name.")
public final class MachineCommand implements Callable<Integer> {
    @Mixin
    DbOption db;

    @Option(names = "--name", paramLabel = "NAME", description = "the name reports use: letters, digits and . _ - (default: the host name)")
    String name;

    @Override
    public Integer call() {
        // checked before the database opens: a bad name is exit 2 with nothing written
        if (name != null) Machines.checkedName(name);
        Config config = Config.fromEnvironment(db.db);
        try (OpenDatabase data = new OpenDatabase(config, OpenDatabase.Mode.CREATE)) {
            MachineRow local = data.registerLocalMachine();
            Machines machines = data.machines();
            if (name != null) local = machines.rename(local.machineId(), name);
            System.out.println(local.machineId() + "  " + local.name());
            for (Machines.Known k : machines.all()) {
                if (k.local()) continue;
                System.out.printf("  other: %s  %s  (%,d runs; %s, %s × %d)%n", k.machine().machineId(), k.machine().name(),
                        k.runs(), k.machine().os(), k.machine().cpuModel(), k.machine().cpuCores());
            }
        }
        return 0;
    }
}
