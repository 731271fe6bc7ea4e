package probelab.web.share;

import probelab.catalog.BadInput;
import io.javalin.http.Context;
import probelab.process.FileTrees;
import probelab.storage.export.Exporter;
import probelab.storage.shares.Shares;
import probelab.report.FilterParser;
import probelab.report.ReportFilter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * GET /samples.parquet?filters and /r/{token}/samples.parquet: the filtered samples of a view as Parquet, written by
 * {@link Exporter} (DuckDB's COPY) into a temporary directory and streamed as a download. Inside a share link the
 * export keeps to the jobs whose runs the link froze.
 */
public final class ParquetExport {
    private final Exporter exporter;
    private final Shares shares;
    private final FilterParser filters;

    public ParquetExport(Exporter exporter, Shares shares, FilterParser filters) {
        this.exporter = exporter;
        this.shares = shares;
        this.filters = filters;
    }

    public void samples(Context ctx) throws IOException {
        ReportFilter f = ViewFilter.of(ctx, filters);
        if (f.from() != null || f.to() != null) {
            throw new BadInput("from", "the Parquet export filters by runtime, Go version, size, metric and job, not by "
                    + "date: drop from/to (or pick a job)", List.of());
        }
        List<String> jobs = new ArrayList<>();
        if (f.jobId() != null) jobs.add(f.jobId());
        if (f.frozenShare() != null) {
            List<String> frozen = shares.frozenJobs(f.frozenShare());
            if (f.jobId() == null) jobs.addAll(frozen);
            else if (!frozen.contains(f.jobId())) jobs = List.of();
            // a link that froze no runs exports nothing: no job has this id
            if (jobs.isEmpty()) jobs = List.of("no-frozen-jobs");
        }
        Exporter.Filter filter = new Exporter.Filter(f.runtimes(), f.go(), f.sizes(), f.metrics(), jobs);
        Path dir = Files.createTempDirectory("probelab-export-");
        try {
            Exporter.Result r = exporter.export(Exporter.Format.PARQUET, dir, filter);
            ctx.contentType("application/vnd.apache.parquet");
            ctx.header("Content-Disposition", "attachment; filename=\"probelab-samples.parquet\"");
            ctx.header("X-Probelab-Rows", Long.toString(r.rows()));
            Files.copy(r.file(), ctx.outputStream());
        } finally {
            FileTrees.deleteBestEffort(dir);
        }
    }
}
