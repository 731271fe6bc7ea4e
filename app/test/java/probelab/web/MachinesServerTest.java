package probelab.web;

import probelab.web.common.Paths;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import probelab.catalog.Metric;
import probelab.catalog.Unit;
import probelab.storage.bundles.Bundles;
import probelab.storage.db.Database;
import probelab.storage.samples.Environment;
import probelab.storage.export.Exporter;
import probelab.storage.machines.MachineRow;
import probelab.storage.machines.Machines;
import probelab.storage.samples.RunRow;
import probelab.storage.samples.SampleRow;
import probelab.storage.samples.SampleStore;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static probelab.web.Http.body;
import static probelab.web.Http.get;
import static probelab.web.Http.json;

/**
 * Two databases standing in for two machines, each exporting a bundle, both imported into a third (this server's):
 * the report offers both machines as a filter, names them in the header, and compares the same runtime on the two
 * as two series ("native" on the reference machine, "native @ other") with a ratio between them.
 */
class MachinesServerTest {
    @RegisterExtension
    static final TestApp app = TestApp.empty();

    static final MachineRow ALPHA = new MachineRow("a1a1a1a1a1a1", "alpha", "Test OS", "6.1", "Test CPU", 2, 1L << 34);
    static final MachineRow OTHER = new MachineRow("b2b2b2b2b2b2", "other", "Test OS", "6.1", "Other CPU", 8, 1L << 35);
    static Path alphaZip;
    static Path otherZip;

    @BeforeAll
    static void twoMachinesImported() {
        alphaZip = bundleOf(ALPHA, "20250101-alpha", 100);
        otherZip = bundleOf(OTHER, "20250102-other", 150);
        Bundles bundles = app.probelab().bundles();
        assertEquals(2, bundles.importBundle(alphaZip, "alpha.zip").added("runs"));
        assertEquals(2, bundles.importBundle(otherZip, "other.zip").added("runs"));
    }

    /** A database of its own on {@code machine}: one job, native and docker RTT around {@code base} us, as a bundle. */
    static Path bundleOf(MachineRow machine, String jobId, double base) {
        Path file = app.dir().resolve(machine.name() + ".duckdb");
        Path zip = app.dir().resolve("results").resolve(machine.name() + ".zip");
        try (Database db = Database.open(file)) {
            new Machines(db).registerLocal(machine, null);
            SampleStore store = new SampleStore(db);
            Instant at = Instant.parse("2025-01-01T10:00:00Z");
            store.createJob(jobId, "{}", at);
            Environment env = new Environment(machine.os(), machine.kernel(), machine.cpuModel(), machine.cpuCores(),
                    machine.memoryBytes(), "go version go1.21.13", "1.0", "test", "0.1.0", "test");
            int run = 0;
            for (String runtime : List.of("native", "docker")) {
                String runId = jobId + "-" + run++;
                store.createRun(new RunRow(runId, jobId, runtime, "1.21.13", "tiny", at, env, RunRow.WorkloadCounts.NONE));
                double mid = runtime.equals("native") ? base : base * 2;
                List<SampleRow> rows = new ArrayList<>();
                for (int i = 1; i <= 8; i++) {
                    rows.add(new SampleRow(runId, Metric.RTT_P50_US.id(), "", i, mid + i, Unit.US.symbol(), SampleRow.OK, null, "test", at.plusSeconds(i)));
                    Histogram h = new Histogram(3);
                    h.recordValueWithCount((long) ((mid + i) * 1000), 1000);
                    store.addHistogram(runId, i, TestApp.compress(h), 1000, 1_000_000);
                }
                store.addSamples(rows);
                store.finishRun(runId, "completed");
            }
            store.markJobFinished(jobId, SampleStore.JOB_COMPLETED, null);
            new Bundles(db, new Bundles.Provenance("0.1.0", "test")).export(zip, Exporter.Filter.ALL);
        }
        return zip;
    }

    @Test
    void the_report_offers_both_machines_names_them_in_the_header_and_compares_native_on_each() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            String page = body(get(client, "/?job=all"));
            assertTrue(page.contains("<legend>Machine</legend>"), "a machine filter: the database holds two");
            assertTrue(page.contains("name=\"machine\" value=\"alpha\""), "alpha in the filter");
            assertTrue(page.contains("name=\"machine\" value=\"other\""), "other in the filter");
            String header = page.substring(page.indexOf("id=\"report-header\""), page.indexOf("</section>", page.indexOf("id=\"report-header\"")));
            assertTrue(header.contains("<b>alpha</b>") && header.contains("<b>other</b>"), header);
            assertTrue(header.contains("ran on alpha"), "the header says whose runs keep plain names: " + header);
            assertTrue(page.contains("value=\"native @ other\""), "native on the other machine is a baseline choice");

            JsonNode rtt = json(get(client, "/cells/rtt.json?job=all"));
            JsonNode nativeHere = null, nativeThere = null;
            for (JsonNode r : rtt.get("rows")) {
                if (r.get("runtime").asText().equals("native")) nativeHere = r;
                if (r.get("runtime").asText().equals("native @ other")) nativeThere = r;
            }
            assertNotNull(nativeHere, "native on alpha: " + rtt.get("rows"));
            assertNotNull(nativeThere, "native on other: " + rtt.get("rows"));
            assertTrue(nativeHere.get("isBaseline").asBoolean());
            double ratio = nativeThere.get("ratio").get("value").asDouble();
            assertTrue(ratio > 1.4 && ratio < 1.6, "150 us against 100 us: " + ratio);
        });
    }

    @Test
    void a_machine_filter_keeps_one_machine_and_its_runtimes_lose_their_suffix() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            JsonNode rtt = json(get(client, "/cells/rtt.json?job=all&machine=other"));
            List<String> series = new ArrayList<>();
            rtt.get("rows").forEach(r -> series.add(r.get("runtime").asText()));
            assertEquals(List.of("docker", "native"), series.stream().sorted().toList(), "one machine: plain names");

            Response bad = get(client, "/?job=all&machine=nowhere");
            assertEquals(400, bad.code());
            String message = body(bad);
            assertTrue(message.contains("unknown machine 'nowhere'; valid: alpha, other"), message);
        });
    }

    @Test
    void bundles_post_as_a_raw_body_once_and_a_tampered_one_is_a_400() throws Exception {
        byte[] zip = Files.readAllBytes(alphaZip);
        Path tampered = app.dir().resolve("tampered.zip");
        probelab.storage.bundles.BundleTestSupport.replaceEntry(alphaZip, tampered, "jobs.parquet", Files.readAllBytes(app.dir().resolve("results/other.zip")));
        JavalinTest.test(app.freshApp(), (server, client) -> {
            Response again = post(client, "/api/bundles", zip);
            assertEquals(200, again.code(), "imported in @BeforeAll already");
            assertTrue(json(again).get("alreadyImported").asBoolean());

            Response refused = post(client, "/api/bundles", Files.readAllBytes(tampered));
            assertEquals(400, refused.code());
            assertTrue(json(refused).get("message").asText().contains("jobs.parquet does not match the manifest"));

            Response empty = post(client, "/api/bundles", new byte[0]);
            assertEquals(400, empty.code());
        });
    }

    @Test
    void this_machine_is_named_through_the_api_and_a_bad_name_is_a_400() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            Response bad = put(client, "/api/machine", "{\"name\": \"two words\"}");
            assertEquals(400, bad.code());
            assertTrue(json(bad).get("message").asText().contains("invalid machine name"));
            Response taken = put(client, "/api/machine", "{\"name\": \"other\"}");
            assertEquals(400, taken.code(), "another machine has that name");
            Response ok = put(client, "/api/machine", "{\"name\": \"lab-vm\"}");
            assertEquals(200, ok.code(), body(ok));
            assertEquals("lab-vm", json(get(client, "/api/machine")).get("local").get("name").asText());
        });
    }

    @Test
    void a_read_only_server_neither_names_machines_nor_imports_bundles() {
        JavalinTest.test(app.fresh(new WebOptions("127.0.0.1", 0, false, false, List.of()).readOnlyMode()).app(), (server, client) -> {
            assertEquals(404, put(client, "/api/machine", "{\"name\": \"x\"}").code());
            assertEquals(404, post(client, "/api/bundles", new byte[]{1, 2, 3}).code());
            assertEquals(200, get(client, "/api/machine").code(), "reading is fine");
        });
        assertFalse(app.web().routes().stream().filter(r -> r.path().equals(Paths.API_BUNDLES)).anyMatch(r -> !r.mutating()));
    }

    private static Response post(io.javalin.testtools.HttpClient c, String path, byte[] body) {
        return c.request(path, b -> b.header("Content-Type", "application/zip").post(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private static Response put(io.javalin.testtools.HttpClient c, String path, String json) {
        return c.request(path, b -> b.header("Content-Type", "application/json").put(HttpRequest.BodyPublishers.ofString(json)));
    }
}
