package probelab.cli;

import probelab.Config;
import probelab.OpenDatabase;
import probelab.storage.bundles.Bundles;
import probelab.storage.db.DatabaseLockedException;
import probelab.storage.export.Exporter;
import probelab.storage.machines.MachineRow;

import java.nio.file.Path;
import java.util.stream.Collectors;

/** {@code export --bundle FILE}: the runs that match the filters as one result bundle, and what it holds. */
final class BundleExport {
    private BundleExport() {
    }

    static int run(Config config, Path zip, Exporter.Filter filter, boolean fromSnapshot) {
        Bundles.ExportResult r;
        try (OpenDatabase data = new OpenDatabase(config, fromSnapshot ? OpenDatabase.Mode.SNAPSHOT : OpenDatabase.Mode.EXISTING)) {
            // the snapshot is read-only: its runs carry the machine ids the live file had when it was taken
            if (!fromSnapshot) data.registerLocalMachine();
            r = data.bundles().export(zip, filter);
        } catch (DatabaseLockedException e) {
            System.err.println("probelab: " + e.getMessage());
            System.err.println("probelab: another process (a server or a job) holds the database; "
                    + "add --from-snapshot to export from the snapshot of the last finished job");
            return 1;
        }
        print(r);
        return 0;
    }

    static void print(Bundles.ExportResult r) {
        var m = r.manifest();
        System.out.printf("wrote %s: %,d bytes in %d ms%n", r.file(), r.bytes(), r.millis());
        System.out.printf("  %,d runs, %,d samples, %,d histograms, %,d jobs, %,d machines (%s)%n", m.rows("runs.parquet"),
                m.rows("samples.parquet"), m.rows("histograms.parquet"), m.rows("jobs.parquet"), m.rows("machines.parquet"),
                m.machines().stream().map(MachineRow::name).collect(Collectors.joining(", ")));
        System.out.println("  content sha256 " + m.contentSha256() + ", runs from " + m.from() + " to " + m.to());
    }
}
