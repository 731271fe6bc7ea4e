package probelab.cli;

import picocli.CommandLine;

/** Entry point: runs the picocli command tree; bad input exits 2 with a message, never a stack trace. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new RootCommand());
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof IllegalArgumentException) {
                cmd.getErr().println("probelab: " + ex.getMessage());
                return 2;
            }
            if (ex instanceof probelab.storage.db.DatabaseLockedException || ex instanceof probelab.storage.db.UnusableDatabaseException
                    || ex instanceof probelab.storage.db.WriteFaultException) {
                // one clear line, not a stack trace: nothing is wrong with the input; the file is busy, damaged or newer
                cmd.getErr().println("probelab: " + ex.getMessage());
                return 1;
            }
            throw ex;
        });
        return cli.execute(args);
    }
}
