package probelab.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/** The command tree users see as ./probelab SUBCOMMAND. */
// INHERIT: every subcommand answers --help (and --version) too, without running anything
@Command(name = "probelab", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true, versionProvider = RootCommand.Version.class,
        description = "Measures Go on the local runtimes of this machine and reports it.",
        subcommands = {ProbeCommand.class, RuntimesCommand.class, ScenariosCommand.class, ToolchainsCommand.class, RunCommand.class,
                BenchCommand.class, ExportCommand.class, ImportCommand.class, MachineCommand.class, SnapshotCommand.class, ServeCommand.class, SeedCommand.class})
public final class RootCommand implements Runnable {
    /** --version prints the pom's version, which Maven writes into a resource (not a compile-time constant). */
    static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{probelab.Config.VERSION};
        }
    }

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }
}
