package probelab.cli;

import picocli.CommandLine.Command;
import probelab.catalog.Scenario;

/** Lists the scenarios a job can measure each cell in (the catalog; no database, no engine). */
@Command(name = "scenarios", description = "List the scenarios (--scenario ID): load, container limits, network path.")
public final class ScenariosCommand implements Runnable {
    @Override
    public void run() {
        System.out.printf("%-28s %s%n", "ID", "WHAT IT DOES");
        for (Scenario s : Scenario.values()) System.out.printf("%-28s %s%n", s.id(), s.description());
    }
}
