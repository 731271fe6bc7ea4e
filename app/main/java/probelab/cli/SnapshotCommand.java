package probelab.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import probelab.Config;
import probelab.OpenDatabase;
import probelab.storage.snapshot.Snapshot;

import java.util.concurrent.Callable;

/** Refreshes the analysts' read-only snapshot now (jobs refresh it when they finish). */
@Command(name = "snapshot", description = "Refresh the read-only snapshot beside the database that any DuckDB client can open.")
public final class SnapshotCommand implements Callable<Integer> {
    @Mixin
    DbOption db;

    @Override
    public Integer call() {
        try (OpenDatabase data = new OpenDatabase(Config.fromEnvironment(db.db), OpenDatabase.Mode.EXISTING)) {
            Snapshot.Info info = data.snapshot().refresh();
            System.out.printf("snapshot %s: %,d samples, %,d bytes, refreshed in %d ms%n", info.file(), info.sampleCount(),
                    info.sizeBytes(), info.refreshMillis());
            System.out.println("open it with: duckdb -readonly " + info.file());
        }
        return 0;
    }
}
