package probelab.storage.export;

import probelab.catalog.MetricFamily;
import probelab.storage.db.Sql;
import probelab.storage.db.StorageException;

import probelab.catalog.MetricFamily;

import org.duckdb.DuckDBConnection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Writes the samples of {@code v_samples} that match a filter to one Parquet or CSV file, with DuckDB's own
 * {@code COPY} (Parquet support is built into the JDBC jar: nothing is downloaded). Filter values travel as bind
 * parameters; the output path, which COPY cannot bind, is quoted. The file is written under a temporary name and
 * renamed into place, so a reader never sees half of it.
 */
public final class Exporter {
    /** What --metric and the report call a family: the catalog's ids. */
    public static final List<String> FAMILIES = MetricFamily.ids();

    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9._:+-]{1,100}");

    public enum Format {
        PARQUET("parquet", "(FORMAT parquet, COMPRESSION zstd)"),
        // variant is never NULL and often empty: quoting it keeps "" apart from NULL (an empty unquoted field)
        CSV("csv", "(FORMAT csv, HEADER true, FORCE_QUOTE (variant))");

        private final String id;
        private final String copyOptions;

        Format(String id, String copyOptions) {
            this.id = id;
            this.copyOptions = copyOptions;
        }

        public String id() {
            return id;
        }

        public static Format parse(String s) {
            for (Format f : values()) {
                if (f.id.equals(s == null ? null : s.strip().toLowerCase(Locale.ROOT))) return f;
            }
            throw new IllegalArgumentException("unknown export format '" + s + "'; valid: parquet, csv");
        }
    }

    /**
     * Which samples to export; an empty list means "any". Go versions match exactly ({@code 1.22.12}) or as a
     * minor version ({@code 1.22} matches {@code 1.22.x}). Metric families are {@link #FAMILIES}.
     */
    public record Filter(List<String> runtimes, List<String> goVersions, List<String> sizes, List<String> metricFamilies,
                         List<String> jobIds) {
        public static final Filter ALL = new Filter(List.of(), List.of(), List.of(), List.of(), List.of());

        public Filter {
            runtimes = checked("runtime", runtimes);
            goVersions = checked("go version", goVersions);
            sizes = checked("size", sizes);
            metricFamilies = checked("metric family", metricFamilies);
            jobIds = checked("job id", jobIds);
            for (String f : metricFamilies) {
                if (!FAMILIES.contains(f)) {
                    throw new IllegalArgumentException("unknown metric family '" + f + "'; valid: " + String.join(", ", FAMILIES));
                }
            }
        }

        private static List<String> checked(String what, List<String> values) {
            List<String> out = new ArrayList<>();
            for (String v : values == null ? List.<String>of() : values) {
                String s = v == null ? "" : v.strip();
                if (!VALUE.matcher(s).matches()) {
                    throw new IllegalArgumentException("invalid " + what + " '" + v + "': use letters, digits and . _ : + - (at most 100)");
                }
                if (!out.contains(s)) out.add(s);
            }
            return List.copyOf(out);
        }
    }

    /** The file written, how many samples it holds and how long the export took. */
    public record Result(Path file, long rows, long millis) {
    }

    /** Where connections come from: the live {@link Database}, or a read-only snapshot. */
    @FunctionalInterface
    public interface Source {
        DuckDBConnection connect();
    }

    private final Source source;

    public Exporter(Source source) {
        this.source = source;
    }

    /** Writes {@code samples.parquet} or {@code samples.csv} into {@code outDir} (created if needed, file replaced). */
    public Result export(Format format, Path outDir, Filter filter) {
        long t0 = System.nanoTime();
        Path dir = outDir.toAbsolutePath().normalize();
        Path target = dir.resolve("samples." + format.id());
        Path tmp = dir.resolve(".samples." + format.id() + ".tmp-" + UUID.randomUUID());
        // the family comes from the catalog table; a metric the catalog does not know (an older probelab's) has none
        String sql = "COPY (SELECT v.*, c.family AS metric_family FROM v_samples v LEFT JOIN metric_catalog c USING (metric) WHERE "
                + "(len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], runtime)) "
                + "AND (len(?::VARCHAR[]) = 0 OR len(list_filter(?::VARCHAR[], g -> go_version = g OR starts_with(go_version, g || '.'))) > 0) "
                + "AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], project_size)) "
                + "AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], c.family)) "
                + "AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], job_id)) "
                + "ORDER BY job_id, run_id, metric, variant, iteration) TO " + Sql.literal(tmp) + " " + format.copyOptions;
        try {
            Files.createDirectories(dir);
            long rows;
            try (DuckDBConnection conn = source.connect(); PreparedStatement ps = conn.prepareStatement(sql)) {
                int i = 1;
                for (List<String> values : List.of(filter.runtimes(), filter.goVersions(), filter.sizes(),
                        filter.metricFamilies(), filter.jobIds())) {
                    var array = conn.createArrayOf("VARCHAR", values.toArray());
                    ps.setArray(i++, array);
                    ps.setArray(i++, array);
                }
                ps.execute();
                rows = ps.getUpdateCount();
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return new Result(target, rows, (System.nanoTime() - t0) / 1_000_000);
        } catch (SQLException e) {
            throw new StorageException("cannot export samples to " + target + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new StorageException("cannot write " + target + ": " + e, e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                // a stray hidden temp file in the output directory; harmless
            }
        }
    }
}
