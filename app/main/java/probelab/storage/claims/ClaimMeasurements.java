package probelab.storage.claims;

import probelab.storage.db.Database;
import probelab.storage.db.Reads;
import probelab.storage.db.Rows;

import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The ok samples the fact-check compares claims with, in one read: per cell (runtime, Go version, size, scenario,
 * metric, variant) every value, sorted, pooled over the jobs that measured it, and those jobs' ids.
 */
public final class ClaimMeasurements {
    /** A read stops after this many cells (far more than a machine's runtimes, Go versions, sizes and scenarios make). */
    public static final int MAX_CELLS = 5_000;
    private static final int TIMEOUT_SECONDS = 30;

    /** One cell's ok values, ascending, and the jobs they come from. */
    public record Cell(String runtime, String goVersion, String size, String scenario, String metric, String variant,
                       String unit, double[] sortedValues, List<String> jobIds) {
    }

    private ClaimMeasurements() {
    }

    /** The cells of these metrics, over every runtime and job; empty when {@code metrics} is. */
    public static Rows<Cell> of(Database db, List<String> metrics) {
        if (metrics.isEmpty()) return new Rows<>(List.of(), false);
        String sql = """
                SELECT runtime, go_version, project_size, scenario, metric, coalesce(variant, '') AS variant, any_value(unit),
                       list(value ORDER BY value), list(DISTINCT job_id ORDER BY job_id)
                FROM v_samples
                WHERE status = 'ok' AND value IS NOT NULL AND metric IN (%s)
                GROUP BY ALL
                ORDER BY runtime, go_version, project_size, scenario, metric, variant
                LIMIT %d""".formatted(String.join(", ", Collections.nCopies(metrics.size(), "?")),
                MAX_CELLS + 1);
        List<Cell> cells = Reads.query(db, TIMEOUT_SECONDS, "read the measurements claims are checked against", sql,
                metrics, rs -> {
                    List<Cell> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new Cell(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7), doubles(rs.getArray(8)),
                                strings(rs.getArray(9))));
                    }
                    return out;
                });
        return Reads.bounded(cells, MAX_CELLS);
    }

    private static double[] doubles(Array a) throws SQLException {
        Object[] values = (Object[]) a.getArray();
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) out[i] = ((Number) values[i]).doubleValue();
        return out;
    }

    private static List<String> strings(Array a) throws SQLException {
        List<String> out = new ArrayList<>();
        for (Object o : (Object[]) a.getArray()) out.add(String.valueOf(o));
        return out;
    }
}
