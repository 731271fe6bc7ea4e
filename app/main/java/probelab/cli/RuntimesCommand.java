package probelab.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import probelab.Config;
import probelab.Probelab;
import probelab.runtime.Runtime;

/** Lists every runtime with its availability, the reason when down, its version and how it is reached. */
@Command(name = "runtimes", description = "List runtimes: available or not (and why), engine version, how reached.")
public final class RuntimesCommand implements Runnable {
    @Mixin
    DbOption db;

    @Override
    public void run() {
        try (Probelab app = new Probelab(Config.fromEnvironment(db.db))) {
            System.out.printf("%-26s %-10s %-22s %s%n", "RUNTIME", "STATUS", "VERSION", "REACHED VIA / REASON");
            for (Runtime r : app.runtimes().all()) {
                Runtime.Availability a = r.availability();
                System.out.printf("%-26s %-10s %-22s %s%n", r.id(), a.available() ? "available" : "down",
                        a.engineVersion(), a.available() ? a.reachedVia() : a.reachedVia() + ": " + a.reason());
            }
        }
    }
}
