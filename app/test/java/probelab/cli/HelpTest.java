package probelab.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every subcommand's help. Isolated: in 3 of 6 fresh suites one subcommand's help printed nothing (exit 0, usage
 * requested, the subcommand writing to this test's own writer) while other classes ran beside it, and never alone (150
 * repetitions under load, and beside the CLI classes it had run with). Not explained yet; the assertion messages say
 * everything there is to know when it happens again.
 */
@org.junit.jupiter.api.parallel.Isolated("printed nothing beside other classes, never alone")
class HelpTest {
    @Test
    void every_subcommand_answers_help_with_its_usage_and_exit_status_0() {
        CommandLine root = new CommandLine(new RootCommand());
        assertTrue(root.getSubcommands().size() >= 9, root.getSubcommands().keySet().toString());
        for (String name : root.getSubcommands().keySet()) {
            for (String flag : new String[]{"--help", "-h"}) {
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                CommandLine cli = new CommandLine(new RootCommand());
                cli.setOut(new PrintWriter(out, true));
                cli.setErr(new PrintWriter(err, true));
                int exit = cli.execute(name, flag);
                // everything there is to know when it fails: it printed nothing here twice in fresh suites, never alone
                String seen = name + " " + flag + ": exit " + exit + ", out [" + out + "], err [" + err + "], usage requested "
                        + cli.getSubcommands().get(name).isUsageHelpRequested() + ", subcommand's out is ours "
                        + (cli.getSubcommands().get(name).getOut() == cli.getOut());
                assertEquals(0, exit, seen);
                assertTrue(out.toString().startsWith("Usage: probelab " + name), seen);
            }
        }
    }

    @Test
    void a_subcommand_with_options_says_its_defaults() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new RootCommand());
        cli.setOut(new PrintWriter(out));
        cli.execute("probe", "--help");
        for (String d : new String[]{"(default: 5)", "(default: 1)", "(default: 1000)", "(default: native)", "(default: tiny)"}) {
            assertTrue(out.toString().contains(d), d + " in " + out);
        }
    }
}
