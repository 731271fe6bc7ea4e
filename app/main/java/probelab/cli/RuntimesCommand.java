package probelab.cli;

import picocli.CommandLine.Command;
import probelab.Config;
import probelab.Probelab;
import probelab.runtime.Runtime;
import probelab.runtime.RuntimeRegistry;

/**
 * Lists every runtime with its availability, the reason when down, its version and how it is reached. It opens no
 * database: listing runtimes must work while a server holds the database's lock.
 */
@Command(name = "runtimes", description = "List runtimes: available or not (and why), engine version, how reached.")
public final class RuntimesCommand implements Runnable {
    @Override
    public void run() {
        RuntimeRegistry runtimes = Probelab.findRuntimes(Config.fromEnvironment(null));
        System.out.printf("%-26s %-10s %-22s %s%n", "RUNTIME", "STATUS", "VERSION", "REACHED VIA / REASON");
        for (Runtime r : runtimes.all()) {
            Runtime.Availability a = r.availability();
            System.out.printf("%-26s %-10s %-22s %s%n", r.id(), a.available() ? "available" : "down",
                    a.engineVersion(), a.available() ? a.reachedVia() : a.reachedVia() + ": " + a.reason());
        }
    }
}
