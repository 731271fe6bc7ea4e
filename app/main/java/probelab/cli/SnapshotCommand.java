package probelab.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import probelab.Config;
import probelab.storage.db.Database;
import probelab.storage.snapshot.Snapshot;

import java.nio.file.Files;
import java.util.concurrent.Callable;

/** Refreshes the analysts' read-only snapshot now (jobs refresh it when they finish). */
@Command(name = "snapshot", description = "Refresh the read-only snapshot beside the database that any DuckDB client can open.")
public final class SnapshotCommand implements Callable<Integer> {
    @Mixin
    DbOption db;

    @Override
    public Integer call() {
        Config config = Config.fromEnvironment(db.db);
        if (!Files.isRegularFile(config.dbFile())) {
            throw new IllegalArgumentException("no database at " + config.dbFile() + " (run a probe job first, or pass --db)");
        }
        try (Database database = Database.open(config.dbFile())) {
            Snapshot.Info info = new Snapshot(database, Snapshot.besideLive(config.dbFile())).refresh();
            System.out.printf("snapshot %s: %,d samples, %,d bytes, refreshed in %d ms%n", info.file(), info.sampleCount(),
                    info.sizeBytes(), info.refreshMillis());
            System.out.println("open it with: duckdb -readonly " + info.file());
        }
        return 0;
    }
}
