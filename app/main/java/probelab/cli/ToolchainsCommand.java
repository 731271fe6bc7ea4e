package probelab.cli;

import picocli.CommandLine.Command;
import probelab.Probelab;
import probelab.toolchain.Toolchain;
import probelab.toolchain.Toolchains;

/** Lists the Go toolchains found on this machine. */
@Command(name = "toolchains", description = "List the Go toolchains found on this machine.")
public final class ToolchainsCommand implements Runnable {
    @Override
    public void run() {
        Toolchains all = Probelab.findToolchains();
        if (all.all().isEmpty()) {
            System.out.println("no Go toolchain found (looked in /usr/lib/go-*, PATH, $GOROOT, /usr/local/go, ~/sdk)");
            return;
        }
        System.out.printf("%-8s %-10s %s%n", "SELECT", "VERSION", "GO BINARY");
        for (Toolchain t : all.all()) {
            System.out.printf("%-8s %-10s %s%n", t.minor(), t.version(), t.goBinary());
        }
    }
}
