package probelab;

import picocli.CommandLine;
import probelab.cli.RootCommand;
import probelab.storage.NativeLibraryLeftovers;

/** Entry point: runs the picocli command tree; bad input exits 2 with a message, never a stack trace. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // before any DuckDB class loads its own copy of the native library
        NativeLibraryLeftovers.clean(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")));
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new RootCommand());
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof IllegalArgumentException) {
                cmd.getErr().println("probelab: " + ex.getMessage());
                return 2;
            }
            throw ex;
        });
        return cli.execute(args);
    }
}
