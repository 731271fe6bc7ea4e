package probelab.storage.report;

import probelab.catalog.Series;
import probelab.storage.shares.Shares;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;

/**
 * Which samples a report looks at: the values of the dimensions its series are made of, and where the runs come
 * from. It becomes SQL here, as the sub-query every report read starts from. A run in a scenario other than the
 * default is its own series: its runtime reads "docker · cpus=0.5" everywhere downstream (tables, charts,
 * comparisons), so scenarios are compared as runtimes are. Likewise a run on a machine other than the view's reference
 * machine ({@link #REFERENCE_MACHINE}) reads "docker @ ci-runner-1", so the same runtime on two machines is compared as
 * two runtimes are.
 */
public record SampleFilter(Dimensions dimensions, Origin origin) {
    /** The values a report's series are made of; an empty list is every value. {@code machines} are names. */
    public record Dimensions(List<String> runtimes, List<String> goMinors, List<String> sizes, List<String> scenarios,
                             List<String> machines) {
        public Dimensions {
            runtimes = List.copyOf(runtimes);
            goMinors = List.copyOf(goMinors);
            sizes = List.copyOf(sizes);
            scenarios = List.copyOf(scenarios);
            machines = List.copyOf(machines);
        }
    }

    /**
     * Where the runs come from: one job (with its follow-ups), the days they started ({@code from}/{@code to}
     * inclusive, UTC; null when open), and the runs a share link froze ({@code frozenShare}, its token; null: live).
     */
    public record Origin(String jobId, LocalDate from, LocalDate to, String frozenShare) {
    }

    /** A live filter: every run there is, in every scenario, on every machine. */
    public SampleFilter(List<String> runtimes, List<String> goMinors, List<String> sizes, String jobId,
                        LocalDate from, LocalDate to) {
        this(new Dimensions(runtimes, goMinors, sizes, List.of(), List.of()), new Origin(jobId, from, to, null));
    }

    /** The same filter, kept to the runs the link {@code shareToken} opens froze ({@code share_runs}). */
    public SampleFilter frozenTo(String shareToken) {
        return new SampleFilter(dimensions, new Origin(origin.jobId(), origin.from(), origin.to(), shareToken));
    }

    /** The same filter kept to these scenarios (empty: all). */
    public SampleFilter inScenarios(List<String> ids) {
        Dimensions d = dimensions;
        return new SampleFilter(new Dimensions(d.runtimes(), d.goMinors(), d.sizes(), ids, d.machines()), origin);
    }

    /** The same filter kept to the machines of these names (empty: all). */
    public SampleFilter onMachines(List<String> names) {
        Dimensions d = dimensions;
        return new SampleFilter(new Dimensions(d.runtimes(), d.goMinors(), d.sizes(), d.scenarios(), names), origin);
    }

    public static final SampleFilter ALL = new SampleFilter(List.of(), List.of(), List.of(), null, null, null);

    /** Go "1.22.12" -> "1.22"; versions that do not look like one ("unknown") stay as they are. */
    static final String GO_MINOR = "coalesce(nullif(regexp_extract(go_version, '^[0-9]+\\.[0-9]+'), ''), go_version)";

    /** The runs a filter selects, with the columns reports group by; appends its bind values to {@code args}. */
    static String filteredRuns(SampleFilter filter, List<Object> args) {
        Dimensions f = filter.dimensions();
        Origin o = filter.origin();
        StringBuilder sql = new StringBuilder("SELECT run_id, job_id, runtime_id, ").append(GO_MINOR)
                .append(" AS go_minor, project_size, status, started_at, workload_lines, os, kernel, cpu_model, cpu_cores,")
                .append(" memory_bytes, go_version, go_version_string, runtime_version, runtime_detail, probelab_version,")
                .append(" git_commit, scenario, machine_id FROM runs WHERE true");
        in(sql, args, "runtime_id", f.runtimes());
        in(sql, args, "scenario", f.scenarios());
        if (!f.machines().isEmpty()) {
            sql.append(" AND machine_id IN (SELECT machine_id FROM machines WHERE name IN (").append(marks(f.machines().size())).append("))");
            args.addAll(f.machines());
        }
        in(sql, args, GO_MINOR, f.goMinors());
        in(sql, args, "project_size", f.sizes());
        if (o.jobId() != null) {
            // a job's report includes its follow-ups ("measure more"): their samples answer the same comparisons
            sql.append(" AND (job_id = ? OR job_id IN (SELECT job_id FROM job_links WHERE extends_job_id = ?))");
            args.add(o.jobId());
            args.add(o.jobId());
        }
        if (o.from() != null) {
            sql.append(" AND started_at >= ?");
            args.add(Timestamp.valueOf(o.from().atStartOfDay()));
        }
        if (o.to() != null) {
            sql.append(" AND started_at < ?");
            args.add(Timestamp.valueOf(o.to().plusDays(1).atStartOfDay()));
        }
        if (o.frozenShare() != null) {
            // a share link shows the runs that existed when it was made, never later ones; share_runs knows the
            // link by its token's hash only
            sql.append(" AND run_id IN (SELECT run_id FROM share_runs WHERE token_hash = ?)");
            args.add(Shares.tokenHash(o.frozenShare()));
        }
        // outside the WHERE above, so that the runtime filter still reads the stored runtime id; the machine's name
        // is left out of the series for the reference machine
        return "WITH f AS (" + sql + "), " + REFERENCE_MACHINE
                + " SELECT f.* REPLACE (" + Series.sql("f.runtime_id",
                "CASE WHEN f.machine_id = (SELECT machine_id FROM ref) THEN NULL ELSE coalesce(m.name, f.machine_id) END",
                "f.scenario") + " AS runtime_id), coalesce(m.name, f.machine_id) AS machine,"
                + " f.machine_id IS NOT DISTINCT FROM (SELECT machine_id FROM ref) AS reference_machine"
                + " FROM f LEFT JOIN machines m ON m.machine_id = f.machine_id";
    }

    /**
     * The view's reference machine, whose runs keep plain runtime names: this database's own machine when the view
     * has runs of it, else the machine with the most runs in the view (so a view of one machine never has suffixes,
     * and a report built from imported bundles alone still has a "native" to compare with).
     */
    static final String REFERENCE_MACHINE = "ref AS (SELECT machine_id FROM f GROUP BY machine_id ORDER BY "
            + "(machine_id IN (SELECT machine_id FROM local_machine)) DESC, count(*) DESC, machine_id LIMIT 1)";

    private static void in(StringBuilder sql, List<Object> args, String column, List<String> values) {
        if (values.isEmpty()) return;
        sql.append(" AND ").append(column).append(" IN (").append(marks(values.size())).append(')');
        args.addAll(values);
    }

    static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
