package probelab.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/** The command tree users see as ./probelab SUBCOMMAND. */
// INHERIT: every subcommand answers --help (and --version) too, without running anything
@Command(name = "probelab", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true, version = probelab.Config.VERSION,
        description = "Measures Go on the local runtimes of this machine and reports it.",
        subcommands = {ProbeCommand.class, RuntimesCommand.class, ScenariosCommand.class, ToolchainsCommand.class, RunCommand.class,
                BenchCommand.class, ExportCommand.class, ImportCommand.class, MachineCommand.class, SnapshotCommand.class, ServeCommand.class, SeedCommand.class})
public final class RootCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }
}
