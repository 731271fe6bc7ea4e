package probelab.probe;

import probelab.catalog.Metric;
import probelab.storage.db.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks on the cold start's split by the server's own clock, shared by the job tests that measure cold starts. */
final class ColdStartSplits {
    private ColdStartSplits() {
    }

    /**
     * Every stored cold start of {@code runtime} in the job has its four parts, each positive, adding up to it within a
     * microsecond; returns the medians of the parts by variant.
     */
    static Map<String, Double> assertAddUp(Database db, String jobId, String runtime) throws Exception {
        Map<String, double[]> byIteration = new HashMap<>();
        Map<String, List<Double>> parts = new HashMap<>();
        try (var conn = db.connect(); PreparedStatement st = conn.prepareStatement("SELECT run_id, iteration, metric, variant, value "
                + "FROM v_samples WHERE job_id = ? AND runtime = ? AND status = 'ok' AND metric IN (?, ?)")) {
            st.setString(1, jobId);
            st.setString(2, runtime);
            st.setString(3, Metric.COLD_START_MS.id());
            st.setString(4, Metric.COLD_START_SPLIT_MS.id());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    double[] sums = byIteration.computeIfAbsent(rs.getString(1) + "#" + rs.getInt(2), k -> new double[3]);
                    if (rs.getString(3).equals(Metric.COLD_START_MS.id())) {
                        sums[0] = rs.getDouble(5);
                    } else {
                        assertTrue(rs.getDouble(5) > 0, rs.getString(4) + " of a start must be positive: " + rs.getDouble(5));
                        sums[1] += rs.getDouble(5);
                        sums[2]++;
                        parts.computeIfAbsent(rs.getString(4), k -> new java.util.ArrayList<>()).add(rs.getDouble(5));
                    }
                }
            }
        }
        assertTrue(!byIteration.isEmpty(), "cold starts of " + runtime);
        byIteration.forEach((key, sums) -> {
            assertEquals(4, (int) sums[2], "four parts for " + runtime + " " + key);
            assertEquals(sums[0], sums[1], 0.001, "the parts add up to the cold start of " + runtime + " " + key);
        });
        Map<String, Double> medians = new HashMap<>();
        parts.forEach((variant, values) -> medians.put(variant, values.stream().sorted().toList().get(values.size() / 2)));
        return medians;
    }
}
