package probelab.storage.bundles;

import probelab.storage.db.Database;
import probelab.storage.db.StorageException;
import probelab.storage.export.Exporter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Result bundles: one zip with a run set's runs, samples, latency histograms, jobs and machines as Parquet, and a
 * manifest ({@link BundleManifest}). A machine (or CI runner) writes one; any probelab imports any number of them
 * into one report, idempotently. {@link BundleWriter} writes, {@link BundleImporter} checks and merges.
 */
public final class Bundles {
    private final Database db;
    private final Provenance provenance;
    private final ObjectMapper json = mapper();

    /** What a manifest says made the bundle. */
    public record Provenance(String probelabVersion, String gitCommit) {
    }

    /** The zip written, its manifest, its size and how long it took. */
    public record ExportResult(Path file, BundleManifest manifest, long bytes, long millis) {
    }

    /**
     * What an import did: {@code alreadyImported} (then {@code importedBefore} says when, and nothing changed), else
     * the rows added per table (machines, jobs, runs, samples, histograms), 0 where everything was there already.
     */
    public record ImportResult(BundleManifest manifest, boolean alreadyImported, Instant importedBefore,
                               Map<String, Long> added, long millis) {
        public long added(String table) {
            return added.getOrDefault(table, 0L);
        }
    }

    public Bundles(Database db, Provenance provenance) {
        this.db = db;
        this.provenance = provenance;
    }

    /** Writes the runs {@code filter} selects in this database to {@code zip}. */
    public ExportResult export(Path zip, Exporter.Filter filter) {
        return new BundleWriter(db::connect, provenance, json).write(zip, filter);
    }

    private static ObjectMapper mapper() {
        return new ObjectMapper().registerModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /**
     * Checks and merges one bundle; {@code sourceName} (a file name, "upload") is recorded with it. A bad or changed
     * bundle is a {@link BundleRejectedException} and writes nothing.
     */
    public ImportResult importBundle(Path zip, String sourceName) {
        if (db.readOnly()) throw new StorageException("the database is open read-only: bundles cannot be imported", null);
        return new BundleImporter(db, json).importBundle(zip, sourceName);
    }

    static void deleteQuietly(Path p) {
        try {
            if (p != null) Files.deleteIfExists(p);
        } catch (IOException e) {
            // a stray temp file; harmless
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) return;
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(Bundles::deleteQuietly);
        } catch (IOException e) {
            // a stray temp directory; harmless
        }
    }
}
