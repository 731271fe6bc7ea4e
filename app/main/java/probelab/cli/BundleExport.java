package probelab.cli;

import probelab.Config;
import probelab.probe.Fingerprint;
import probelab.storage.bundles.Bundles;
import probelab.storage.db.Database;
import probelab.storage.db.DatabaseLockedException;
import probelab.storage.export.Exporter;
import probelab.storage.machines.MachineRow;
import probelab.storage.snapshot.Snapshot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** {@code export --bundle FILE}: the runs that match the filters as one result bundle, and what it holds. */
final class BundleExport {
    private BundleExport() {
    }

    static int run(Config config, Path zip, Exporter.Filter filter, boolean fromSnapshot) {
        Fingerprint fp = LocalMachine.fingerprint(config);
        Bundles.Provenance provenance = new Bundles.Provenance(Config.VERSION, fp.gitCommit());
        Bundles.ExportResult r;
        if (fromSnapshot) {
            Path snapshot = Snapshot.besideLive(config.dbFile());
            // the snapshot is read-only: its runs carry the machine ids the live file had when it was taken
            r = Bundles.export(() -> Snapshot.openReadOnly(snapshot), provenance, zip, filter);
        } else {
            if (!Files.isRegularFile(config.dbFile())) {
                throw new IllegalArgumentException("no database at " + config.dbFile() + " (run a probe job first, or pass --db)");
            }
            try (Database database = Database.open(config.dbFile())) {
                LocalMachine.register(database, fp);
                r = new Bundles(database, provenance).export(zip, filter);
            } catch (DatabaseLockedException e) {
                System.err.println("probelab: " + e.getMessage());
                System.err.println("probelab: another process (a server or a job) holds the database; "
                        + "add --from-snapshot to export from the snapshot of the last finished job");
                return 1;
            }
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
