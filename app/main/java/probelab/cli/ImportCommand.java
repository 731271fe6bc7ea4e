package probelab.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import probelab.Config;
import probelab.OpenDatabase;
import probelab.storage.bundles.Bundles;
import probelab.storage.db.DatabaseLockedException;
import probelab.storage.machines.MachineRow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** Merges result bundles from other machines (or this one) into the database, each at most once. */
@Command(name = "import", description = "Merge result bundles (written by `export --bundle` or `probe --bundle`) into the "
        + "database: each bundle's runs keep their machine; importing one twice changes nothing.")
public final class ImportCommand implements Callable<Integer> {
    @Mixin
    DbOption db;

    @Parameters(arity = "1..*", paramLabel = "BUNDLE", description = "bundle zip files, e.g. results/*.zip")
    List<Path> bundles;

    @Override
    public Integer call() {
        // every file is checked to exist before the database opens: a typo is exit 2 with nothing written
        for (Path b : bundles) {
            if (!Files.isRegularFile(b)) throw new IllegalArgumentException("no bundle at " + b);
        }
        Config config = Config.fromEnvironment(db.db);
        long started = System.nanoTime();
        boolean changed = false;
        try (OpenDatabase data = new OpenDatabase(config, OpenDatabase.Mode.CREATE)) {
            data.registerLocalMachine();
            Bundles importer = data.bundles();
            for (Path b : bundles) {
                // a bad bundle stops here (exit 2); bundles before it stay imported, each in its own transaction
                Bundles.ImportResult r = importer.importBundle(b, b.getFileName().toString());
                String machines = r.manifest().machines().stream().map(MachineRow::name).collect(Collectors.joining(", "));
                if (r.alreadyImported()) {
                    System.out.printf("%s: already imported (%s), nothing changed%n", b, r.importedBefore());
                } else {
                    changed = true;
                    System.out.printf("%s: imported in %d ms from %s: %,d new runs, %,d samples, %,d histograms, %,d jobs, %,d machines%n",
                            b, r.millis(), machines, r.added("runs"), r.added("samples"), r.added("histograms"), r.added("jobs"),
                            r.added("machines"));
                }
            }
            // analysts read the snapshot: as after a job, it shows what was just added
            if (changed) data.snapshot().refresh();
        } catch (DatabaseLockedException e) {
            System.err.println("probelab: " + e.getMessage());
            System.err.println("probelab: a server holds the database: POST the bundles to its /api/bundles instead");
            return 1;
        }
        System.out.printf("done in %.1f s; the report: ./probelab serve%n", (System.nanoTime() - started) / 1e9);
        return 0;
    }
}
