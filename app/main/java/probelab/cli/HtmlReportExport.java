package probelab.cli;

import probelab.catalog.BadInput;
import com.fasterxml.jackson.databind.ObjectMapper;
import probelab.Config;
import probelab.OpenDatabase;
import probelab.Probelab;
import probelab.probe.Catalogs;
import probelab.storage.db.DatabaseLockedException;
import probelab.storage.report.ReportQueries;
import probelab.web.common.Assets;
import probelab.report.FilterParser;
import probelab.report.HistogramCache;
import probelab.report.ReportFilter;
import probelab.web.reportfile.ReportFile;
import probelab.report.ReportFileData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code export --html FILE}: the report of the export's filters (without --job, the latest job, as the report shows)
 * as one self-contained HTML file, the file the report's "Download report" gives.
 */
final class HtmlReportExport {
    private final ExportCommand cmd;

    HtmlReportExport(ExportCommand cmd) {
        this.cmd = cmd;
    }

    int call() {
        if (cmd.format != null || cmd.out != null) {
            throw new IllegalArgumentException("--html writes the report, --format and --out write samples: give one or the other");
        }
        if (cmd.jobs.size() > 1) {
            throw new IllegalArgumentException("--html shows one job (or 'all' pooled): got --job " + String.join(",", cmd.jobs));
        }
        if (Files.isDirectory(cmd.html)) throw new IllegalArgumentException("--html " + cmd.html + " is a directory: name a file");
        Config config = Config.fromEnvironment(cmd.db.db);
        long started = System.nanoTime();
        OpenDatabase data;
        try {
            data = new OpenDatabase(config, cmd.fromSnapshot ? OpenDatabase.Mode.SNAPSHOT : OpenDatabase.Mode.EXISTING);
        } catch (DatabaseLockedException e) {
            System.err.println("probelab: " + e.getMessage());
            System.err.println("probelab: another process (a server or a job) holds the database; add --from-snapshot to "
                    + "write the report of the snapshot of the last finished job, or use the server's Download report");
            return 1;
        }
        try (data) {
            ReportQueries queries = data.queries();
            // as on the server, a filter may name this machine's runtimes and Go versions besides those the data holds
            Catalogs catalogs = Probelab.discover(config);
            FilterParser parser = new FilterParser(queries, catalogs.runtimes(), catalogs.toolchains());
            ReportFilter filter;
            try {
                filter = parser.parse(params());
            } catch (BadInput e) {
                System.err.println("probelab: " + e.getMessage());
                return 2;
            }
            ReportFileData report = ReportFileData.read(filter, queries, new HistogramCache(queries, 50_000),
                    data.reportFileReads(), Config.VERSION);
            var header = ReportFile.header(filter, queries);
            byte[] html = new ReportFile(null, new Assets(null), new ObjectMapper()).html(report, header);
            write(cmd.html, html);
            System.out.printf("wrote the report of %s (%s runs, %,d bytes) to %s in %d ms%n", filter.jobId() == null
                    ? "all jobs" : "job " + filter.jobId(), header.runs(), html.length, cmd.html,
                    (System.nanoTime() - started) / 1_000_000);
            return 0;
        }
    }

    /** The filters as the report's URL names them. */
    private Map<String, List<String>> params() {
        Map<String, List<String>> p = new LinkedHashMap<>();
        if (!cmd.runtimes.isEmpty()) p.put("runtime", cmd.runtimes);
        if (!cmd.goVersions.isEmpty()) p.put("go", cmd.goVersions);
        if (!cmd.sizes.isEmpty()) p.put("size", cmd.sizes);
        if (!cmd.metrics.isEmpty()) p.put("metric", cmd.metrics);
        if (!cmd.jobs.isEmpty()) p.put("job", cmd.jobs);
        return p;
    }

    /** Written beside its place and moved in, so a reader never opens half a file. */
    private static void write(Path file, byte[] html) {
        Path target = file.toAbsolutePath();
        try {
            Files.createDirectories(target.getParent());
            // a sibling name of our own rather than createTempFile, whose 0600 mode a report meant for others would keep
            Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp-" + ProcessHandle.current().pid());
            Files.write(tmp, html);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
