package probelab.cli;

import probelab.catalog.MetricFamily;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import probelab.Config;
import probelab.OpenDatabase;
import probelab.storage.db.DatabaseLockedException;
import probelab.storage.export.Exporter;
import probelab.workload.ProjectSize;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** Writes filtered samples to DIR/samples.parquet or DIR/samples.csv, or a result bundle, for use elsewhere. */
@Command(name = "export", description = "Write the samples that match the filters to DIR/samples.parquet or DIR/samples.csv, "
        + "or the runs that match them as a result bundle (--bundle FILE.zip) that `probelab import` merges elsewhere.")
public final class ExportCommand implements Callable<Integer> {
    @Mixin
    DbOption db;

    @Option(names = "--format", description = "parquet or csv (with --out)")
    String format;

    @Option(names = "--out", paramLabel = "DIR", description = "directory to write into (created if missing)")
    Path out;

    @Option(names = "--bundle", paramLabel = "FILE", description = "write a result bundle (zip of runs, samples, histograms, "
            + "jobs and machines as Parquet, with a manifest) instead of samples")
    Path bundle;

    @Option(names = "--runtime", split = ",", description = "runtime ids, e.g. native,docker (default: all)")
    List<String> runtimes = List.of();

    @Option(names = "--go", split = ",", description = "Go versions: 1.22 matches every 1.22.x (default: all)")
    List<String> goVersions = List.of();

    @Option(names = "--size", split = ",", description = "project sizes: tiny, small, medium, large, monorepo (default: all)")
    List<String> sizes = List.of();

    @Option(names = "--metric", split = ",", description = "metric families: rtt, cold_start, memory, build, image_build (default: all)")
    List<String> metrics = List.of();

    @Option(names = "--job", split = ",", description = "job ids (default: all)")
    List<String> jobs = List.of();

    @Option(names = "--from-snapshot", description = "read the snapshot beside the database instead of the live file: "
            + "works while a server holds the live file; holds the data of the last finished job")
    boolean fromSnapshot;

    @Option(names = "--html", paramLabel = "FILE", description = "instead of samples, write the report of these filters (without "
            + "--job: the latest job) as one HTML file that opens without a server, filters and charts included")
    Path html;

    @Override
    public Integer call() {
        int outputs = (bundle != null ? 1 : 0) + (html != null ? 1 : 0) + (format != null || out != null ? 1 : 0);
        if (outputs > 1) {
            throw new IllegalArgumentException("give one output: --format parquet|csv with --out DIR (samples), --bundle FILE.zip, or --html FILE (report)");
        }
        if (html != null) return new HtmlReportExport(this).call();
        if (bundle == null && (format == null || out == null)) {
            throw new IllegalArgumentException("give --format parquet|csv and --out DIR, or --bundle FILE.zip, or --html FILE");
        }
        // the names users type are checked against what probelab measures, with the valid ones in the message
        List<String> sizeIds = sizes.stream().map(s -> ProjectSize.parse(s).id()).toList();
        List<String> families = metrics.stream().map(m -> MetricFamily.parse(m.strip()).id()).toList();
        Exporter.Filter filter = new Exporter.Filter(runtimes, goVersions, sizeIds, families, jobs);
        Config config = Config.fromEnvironment(db.db);
        if (bundle != null) return BundleExport.run(config, bundle, filter, fromSnapshot);
        Exporter.Format fmt = Exporter.Format.parse(format);
        Exporter.Result result;
        try (OpenDatabase data = new OpenDatabase(config, fromSnapshot ? OpenDatabase.Mode.SNAPSHOT : OpenDatabase.Mode.EXISTING)) {
            result = data.exporter().export(fmt, out, filter);
        } catch (DatabaseLockedException e) {
            System.err.println("probelab: " + e.getMessage());
            System.err.println("probelab: another process (a server or a job) holds the database; "
                    + "add --from-snapshot to export from the snapshot of the last finished job");
            return 1;
        }
        System.out.printf("wrote %,d samples to %s in %d ms%n", result.rows(), result.file(), result.millis());
        return 0;
    }
}
