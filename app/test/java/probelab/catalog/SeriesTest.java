package probelab.catalog;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Series names: built once (Java and SQL agree) and split back into runtime, machine and scenario. */
class SeriesTest {
    @Test
    void a_series_names_its_machine_and_scenario_only_when_they_are_not_the_reference_and_default() {
        assertEquals("docker", Series.of("docker", null, "default"));
        assertEquals("docker @ ci-1", Series.of("docker", "ci-1", "default"));
        assertEquals("docker · cpus=0.5", Series.of("docker", null, "cpus=0.5"));
        String both = Series.of("docker", "ci-1", "cpus=0.5,gomaxprocs=quota");
        assertEquals("docker @ ci-1 · cpus=0.5,gomaxprocs=quota", both);
        assertEquals("docker", Series.runtimeOf(both));
        assertEquals("ci-1", Series.machineOf(both));
        assertEquals("cpus=0.5,gomaxprocs=quota", Series.scenarioOf(both));
        assertNull(Series.machineOf("docker · cpus=0.5"));
        assertEquals("docker", Series.runtimeOf("docker · cpus=0.5"));
        assertEquals("default", Series.scenarioOf("native @ ci-1"));
        assertTrue(Series.isPlainRuntime("podman-rootless"));
        assertFalse(Series.isPlainRuntime("native @ ci-1"));
    }

    @Test
    void the_sql_expression_builds_the_same_names_as_java() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + Series.sql("r", "m", "s") + " FROM (VALUES ('docker', NULL, 'default'), "
                     + "('docker', 'ci-1', 'default'), ('docker', NULL, 'cpus=0.5'), ('docker', 'ci-1', 'cpus=0.5')) t(r, m, s)")) {
            for (String expected : new String[]{Series.of("docker", null, "default"), Series.of("docker", "ci-1", "default"),
                    Series.of("docker", null, "cpus=0.5"), Series.of("docker", "ci-1", "cpus=0.5")}) {
                assertTrue(rs.next());
                assertEquals(expected, rs.getString(1));
            }
        }
    }
}
