package probelab;

import probelab.probe.Fingerprint;
import probelab.storage.bundles.Bundles;
import probelab.storage.db.Database;
import probelab.storage.export.Exporter;
import probelab.storage.machines.MachineRow;
import probelab.storage.machines.Machines;
import probelab.storage.claims.PublishedClaims;
import probelab.storage.report.ReportFileReads;
import probelab.storage.report.ReportQueries;
import probelab.storage.samples.SampleStore;
import probelab.storage.snapshot.Snapshot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The database opened one way ({@link Mode}), and the parts built on it once. {@link Probelab} builds on a writing
 * or read-only one; commands that only read or write data (export, import, machine, snapshot, seed) open one
 * themselves. Nothing else opens a database.
 */
public final class OpenDatabase implements AutoCloseable {
    /** Which file is opened, and how. */
    public enum Mode {
        /** The live file for writing, created when missing (probe, run, serve, import, machine, seed). */
        CREATE,
        /**
         * The live file for writing, refused with exit status 2 when missing: commands that read what jobs wrote
         * (export, snapshot). Opening for writing brings an older file's schema up to date before it is read.
         */
        EXISTING,
        /** The live file as it is, DuckDB read-only: nothing is written, not even the schema ({@code serve --read-only}). */
        READ_ONLY,
        /**
         * The snapshot beside the live file, read-only, refused with exit status 2 when missing: it can be read while
         * another process (a server, a job) holds the live file, and it holds the data of the last finished job.
         */
        SNAPSHOT
    }

    private final Config config;
    private final Database db;
    private final Fingerprint fingerprint;
    private final SampleStore store;
    private final Machines machines;
    private final Bundles bundles;
    private final Exporter exporter;
    private final ReportQueries queries;
    private final ReportFileReads reportFileReads;
    private final Snapshot snapshot;

    public OpenDatabase(Config config, Mode mode) {
        this.config = config;
        Path file = mode == Mode.SNAPSHOT ? Snapshot.besideLive(config.dbFile()) : config.dbFile();
        if ((mode == Mode.EXISTING || mode == Mode.SNAPSHOT) && !Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no " + (mode == Mode.SNAPSHOT ? "snapshot" : "database") + " at " + file
                    + " (run a probe job first, or pass --db)");
        }
        this.db = switch (mode) {
            case CREATE, EXISTING -> Database.open(file);
            case READ_ONLY, SNAPSHOT -> Database.openReadOnly(file);
        };
        this.fingerprint = new Fingerprint(Config.VERSION, config.root());
        this.store = new SampleStore(db);
        this.machines = new Machines(db);
        this.bundles = new Bundles(db, new Bundles.Provenance(Config.VERSION, fingerprint.gitCommit()));
        this.exporter = new Exporter(db::connect);
        this.queries = new ReportQueries(db);
        this.reportFileReads = new ReportFileReads(db);
        // analysts and user SQL read a snapshot beside the live file: DuckDB lets no other process read the live one.
        // Read-only, the snapshot the last writing process made is used as it is, never refreshed; a snapshot has none
        this.snapshot = mode == Mode.SNAPSHOT ? null : new Snapshot(db, Snapshot.besideLive(config.dbFile()));
    }

    /** The jobs a killed process left running, which this open marked aborted (none unless opened for writing). */
    public List<String> abortedAtOpen() {
        return db.abortedAtOpen();
    }

    /** This machine's identity, stamped on new runs and (its commit) on bundles. */
    public Fingerprint fingerprint() {
        return fingerprint;
    }

    /**
     * Makes this machine the database's own: new runs are stamped with it, its runs keep plain runtime names in
     * reports, and its runs from before machine ids are adopted. Returns it as stored, with its name.
     */
    public MachineRow registerLocalMachine() {
        return machines.registerLocal(fingerprint.machine(), fingerprint.fingerprintId());
    }

    /** The articles' figures, next to the measurements; a broken CSV is reported and leaves the table as it was. */
    public void reloadPublishedClaims() {
        Path csv = config.datasetsDir().resolve(PublishedClaims.FILE_NAME);
        if (!Files.isRegularFile(csv)) return;
        try {
            PublishedClaims.replaceAll(db, PublishedClaims.read(csv));
        } catch (IllegalArgumentException e) {
            System.err.println("probelab: published claims not loaded: " + e.getMessage());
        }
    }

    /** Samples, runs and jobs. */
    public SampleStore store() {
        return store;
    }

    /** The machines runs were measured on, and this one's name. */
    public Machines machines() {
        return machines;
    }

    /** Writes and imports result bundles (zipped Parquet with a manifest). */
    public Bundles bundles() {
        return bundles;
    }

    /** Writes filtered samples to Parquet or CSV. */
    public Exporter exporter() {
        return exporter;
    }

    /** The report's bounded reads. */
    public ReportQueries queries() {
        return queries;
    }

    /** The report file's own reads (failures, not-applicable marks, sampling outcomes per series). */
    public ReportFileReads reportFileReads() {
        return reportFileReads;
    }

    /** The read-only copy beside the live file, for analysts and user SQL; refreshed after every job and on demand. */
    public Snapshot snapshot() {
        if (snapshot == null) throw new IllegalStateException("opened from the snapshot: it has no snapshot of its own");
        return snapshot;
    }

    @Override
    public void close() {
        db.close();
    }
}
