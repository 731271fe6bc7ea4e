package probelab.runtime;

import org.junit.jupiter.api.parallel.ResourceLock;
import probelab.TestEnv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import probelab.catalog.EngineConfig;
import probelab.storage.db.Database;
import probelab.storage.samples.Environment;
import probelab.storage.samples.RunRow;
import probelab.storage.samples.SampleStore;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engines' configuration, read from the real engines' own info and stored as v_runs columns (null natively). */
@ResourceLock(TestEnv.MACHINE)
@ResourceLock(TestEnv.ENGINES)
class EngineConfigTest {
    private static final List<String> COLUMNS = List.of("storage_driver", "cgroup_version", "cgroup_driver", "oci_runtime",
            "network_driver", "userland_proxy", "security_options", "engine_version");
    private static final Environment ENV = new Environment("Debian", "6.1", "cpu", 2, 1L << 34, "go", "", "", "0", "abc");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"docker", "docker-rootless", "podman", "podman-rootless"})
    void v_runs_holds_the_engine_configuration_and_native_runs_hold_nulls(String id) throws Exception {
        String user = ContainerRuntimes.ROOTLESS_USER;
        OciRuntimeSpec spec = Map.of("docker", OciRuntimeSpec.docker(), "docker-rootless", OciRuntimeSpec.dockerRootless(user),
                "podman", OciRuntimeSpec.podman(), "podman-rootless", OciRuntimeSpec.podmanRootless(user)).get(id);
        OciCliRuntime rt = EngineSupport.runtime(spec);
        EngineSupport.requireAvailable(rt);
        EngineConfig c = rt.engineConfig();
        try (Database db = Database.open(dir.resolve("p.duckdb"))) {
            SampleStore store = new SampleStore(db);
            store.createJob("j", "{}", Instant.now());
            store.createRun(new RunRow("j-0", "j", id, "1.23.5", "tiny", Instant.now(), ENV, RunRow.WorkloadCounts.NONE));
            store.createRun(new RunRow("j-1", "j", "native", "1.23.5", "tiny", Instant.now(), ENV, RunRow.WorkloadCounts.NONE));
            store.setEngineConfig("j-0", c);
            store.setEngineConfig("j-1", new NativeRuntime(dir, GoTime.NONE).engineConfig());
            try (var conn = db.connect(); var st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT run_id, " + String.join(", ", COLUMNS) + " FROM v_runs ORDER BY run_id")) {
                assertTrue(rs.next());
                for (String col : COLUMNS) assertNotNull(rs.getObject(col), id + " " + col + " in " + c);
                boolean rootless = id.endsWith("-rootless");
                // what these machines have: rootless Podman on overlay after ./probelab setup, docker on overlay2
                assertEquals(id.startsWith("podman") ? "overlay" : "overlay2", rs.getString("storage_driver"), c.toString());
                assertEquals("1", rs.getString("cgroup_version"), c.toString());
                assertTrue(rs.getString("oci_runtime").startsWith("runc 1."), c.toString());
                assertEquals(rootless, rs.getString("security_options").contains("rootless"), c.toString());
                assertEquals(!id.equals("podman"), rs.getBoolean("userland_proxy"), c.toString());
                if (rootless) assertTrue(rs.getString("network_driver").contains("slirp4netns"), c.toString());
                assertTrue(rs.getString("engine_version").startsWith(id.startsWith("podman") ? "podman 4." : "docker 20."), c.toString());
                assertTrue(rs.next());
                assertEquals("j-1", rs.getString("run_id"));
                for (String col : COLUMNS) assertNull(rs.getObject(col), "native " + col);
            }
        }
    }

    @Test
    void docker_flags_are_read_in_both_spellings() {
        assertEquals("builtin", OciEngineConfig.flag(List.of("rootlesskit", "--port-driver=builtin"), "--port-driver").orElseThrow());
        assertEquals("false", OciEngineConfig.flag(List.of("dockerd", "--userland-proxy", "false"), "--userland-proxy").orElseThrow());
        assertTrue(OciEngineConfig.flag(List.of("dockerd"), "--userland-proxy").isEmpty());
    }
}
