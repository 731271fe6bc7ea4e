package probelab.storage.claims;

import probelab.catalog.Metric;
import probelab.catalog.Unit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import probelab.Config;
import probelab.Probelab;
import probelab.TestEnv;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PublishedClaimsTest {
    @TempDir
    Path dir;

    static Path csv() {
        return TestEnv.root().resolve("datasets").resolve(PublishedClaims.FILE_NAME);
    }

    /**
     * The five articles the claims come from. They are not part of the project, so the audit against them runs only
     * when their folder is given: {@code PROBELAB_SEEDS=DIR} or {@code -Dprobelab.seeds=DIR} (datasets/README.md);
     * {@code ./probelab test} gives {@code ../shared/seeds} when it is there, as it is beside CI's checkout. Without
     * them the audit is skipped even under CI=true (not {@link TestEnv#require}): they are data no setup installs,
     * and a plain clone must pass.
     */
    static Path seeds() {
        String given = System.getProperty("probelab.seeds", System.getenv("PROBELAB_SEEDS"));
        Assumptions.assumeTrue(given != null && !given.isBlank(),
                "the articles' folder is not given (PROBELAB_SEEDS): the verbatim audit is skipped");
        Path seeds = Path.of(given).toAbsolutePath().normalize();
        assertTrue(Files.isDirectory(seeds), "PROBELAB_SEEDS names no folder: " + seeds);
        return seeds;
    }

    @Test
    void every_claim_names_a_known_metric_in_its_unit_and_one_of_the_five_articles() {
        List<PublishedClaims.Claim> claims = PublishedClaims.read(csv()); // validates metric, unit, conversion
        assertTrue(claims.size() > 100, "the five articles hold well over a hundred figures: " + claims.size());
        for (var c : claims) {
            String known = PublishedClaims.PROBELAB_METRICS.getOrDefault(c.metric(), PublishedClaims.OTHER_METRICS.get(c.metric()));
            assertEquals(known, c.unit(), c.claimId());
        }
        Set<String> files = claims.stream().map(PublishedClaims.Claim::sourceFile).collect(Collectors.toSet());
        assertEquals(5, files.size(), "every article has at least one figure: " + files);
    }

    @Test
    void every_claim_names_an_article_that_exists_in_the_given_folder() {
        Path seeds = seeds();
        List<PublishedClaims.Claim> claims = PublishedClaims.read(csv());
        assertFalse(claims.isEmpty(), "claims to check");
        for (var c : claims) {
            assertTrue(Files.isRegularFile(seeds.resolve(c.sourceFile())), c.claimId() + ": " + c.sourceFile());
        }
    }

    @Test
    void every_quote_and_heading_is_verbatim_in_its_article() throws Exception {
        Path seeds = seeds();
        Map<String, String> articles = new HashMap<>();
        List<PublishedClaims.Claim> claims = PublishedClaims.read(csv());
        assertFalse(claims.isEmpty(), "claims to audit");
        for (var c : claims) {
            String text = articles.computeIfAbsent(c.sourceFile(), f -> read(seeds.resolve(f)));
            assertTrue(text.contains(c.originalText()), c.claimId() + " quotes text the article does not have: " + c.originalText());
            assertTrue(text.lines().anyMatch(l -> l.strip().equals(c.section())), c.claimId() + " names a heading the article does not have: " + c.section());
        }
    }

    @Test
    void claims_under_probelab_names_use_the_names_and_units_probelab_stores() {
        Map<String, String> probelab = Map.ofEntries(Map.entry(Metric.RTT_P50_US.id(), Unit.US.symbol()), Map.entry(Metric.RTT_P90_US.id(), Unit.US.symbol()),
                Map.entry(Metric.RTT_P99_US.id(), Unit.US.symbol()), Map.entry(Metric.RTT_P999_US.id(), Unit.US.symbol()),
                Map.entry(Metric.THROUGHPUT_RPS.id(), Unit.RPS.symbol()), Map.entry(Metric.COLD_START_MS.id(), Unit.MS.symbol()),
                Map.entry(Metric.COLD_START_PHASE_MS.id(), Unit.MS.symbol()), Map.entry(Metric.SERVER_RSS_BYTES.id(), Unit.BYTES.symbol()),
                Map.entry(Metric.SERVER_RSS_ANON_BYTES.id(), Unit.BYTES.symbol()), Map.entry(Metric.SERVER_RSS_FILE_BYTES.id(), Unit.BYTES.symbol()),
                Map.entry(Metric.SERVER_RSS_SHMEM_BYTES.id(), Unit.BYTES.symbol()),
                Map.entry(Metric.CONTAINER_MEMORY_BYTES.id(), Unit.BYTES.symbol()), Map.entry(Metric.RUNTIME_OVERHEAD_BYTES.id(), Unit.BYTES.symbol()),
                Map.entry(Metric.BUILD_MS.id(), Unit.MS.symbol()), Map.entry(Metric.BUILD_INNER_MS.id(), Unit.MS.symbol()),
                Map.entry(Metric.BUILD_PEAK_RSS_BYTES.id(), Unit.BYTES.symbol()),
                Map.entry(Metric.CPU_THROTTLED_PCT.id(), Unit.PCT.symbol()), Map.entry(Metric.GC_CYCLES.id(), Unit.COUNT.symbol()),
                Map.entry(Metric.GC_PAUSE_MS.id(), Unit.MS.symbol()), Map.entry(Metric.OOM_KILLS.id(), Unit.COUNT.symbol()),
                Map.entry(Metric.IMAGE_BUILD_MS.id(), Unit.MS.symbol()), Map.entry(Metric.IMAGE_SIZE_BYTES.id(), Unit.BYTES.symbol()),
                Map.entry(Metric.IMAGE_BUILD_STEP_MS.id(), Unit.MS.symbol()),
                Map.entry(Metric.EDIT_TO_SERVING_MS.id(), Unit.MS.symbol()), Map.entry(Metric.GO_TEST_MS.id(), Unit.MS.symbol()),
                Map.entry(Metric.GO_TEST_RACE_MS.id(), Unit.MS.symbol()), Map.entry(Metric.TREE_WALK_MS.id(), Unit.MS.symbol()),
                Map.entry(Metric.TREE_WRITE_MS.id(), Unit.MS.symbol()), Map.entry(Metric.TREE_BUILD_MS.id(), Unit.MS.symbol()),
                Map.entry(Metric.TREE_TEST_MS.id(), Unit.MS.symbol()), Map.entry(Metric.COLD_START_SPLIT_MS.id(), Unit.MS.symbol()));
        assertEquals(probelab, PublishedClaims.PROBELAB_METRICS);
        assertTrue(PublishedClaims.read(csv()).stream().anyMatch(PublishedClaims.Claim::comparable),
                "some claims sit next to measured cells");
    }

    @Test
    void quoted_figures_are_normalised_to_the_dataset_unit() {
        var claims = PublishedClaims.read(csv()).stream().collect(Collectors.toMap(PublishedClaims.Claim::claimId, c -> c));
        // spot checks by hand, one per conversion kind
        var sidecar = claims.values().stream().filter(c -> c.metric().equals("rtt_p90_us") && c.variant().equals("k3s/istio-sidecar")).findFirst().orElseThrow();
        assertEquals(2670.0, sidecar.value(), "2.67 ms is 2670 us");
        var wslRss = claims.values().stream().filter(c -> c.metric().equals("process_memory_bytes") && c.runtime().equals("wsl2")).findFirst().orElseThrow();
        assertEquals(86.0 * 1024 * 1024, wslRss.value(), "86 MB in binary units");
        var multiStage = claims.values().stream().filter(c -> c.originalValue().equals("2m45s")).findFirst().orElseThrow();
        assertEquals(165_000.0, multiStage.value(), "2m45s is 165000 ms");
        var range = claims.values().stream().filter(c -> c.originalValue().equals("0.5–5")).findFirst().orElseThrow();
        assertEquals(0.5, range.value());
        assertEquals(5.0, range.valueHigh());
        var drop = claims.values().stream().filter(c -> c.originalText().equals("RSS 1842 967 ↓47.5%") && c.metric().equals("memory_change_pct")).findFirst().orElseThrow();
        assertEquals(-47.5, drop.value(), "a drop is negative");
    }

    @Test
    void a_wrong_unit_an_unknown_metric_or_a_value_that_is_not_the_quote_is_refused_with_its_line() {
        String header = String.join(",", PublishedClaims.COLUMNS) + "\n";
        String good = "c000-001,a.txt,2.2 RTT,native,1.22,tiny,rtt_p99_us,p99,\"k3s/x\",,1420,,us,\"1,420\",us,\"内核TCP栈 1,420 μs, \"\"quoted\"\"\",\"one line\nand another\",\n";
        assertEquals(1420.0, PublishedClaims.parse(header + good, "t.csv").get(0).value());
        assertEquals("one line\nand another", PublishedClaims.parse(header + good, "t.csv").get(0).statedEnvironment());

        var unit = assertThrows(IllegalArgumentException.class, () -> PublishedClaims.parse(header + good + good.replace("c000-001", "c000-002").replace(",us,\"1,420\",us,", ",ms,\"1,420\",us,"), "t.csv"));
        assertTrue(unit.getMessage().contains("t.csv line 4") && unit.getMessage().contains("rtt_p99_us is in us"), unit.getMessage());
        var metric = assertThrows(IllegalArgumentException.class, () -> PublishedClaims.parse(header + good.replace("rtt_p99_us", "latency"), "t.csv"));
        assertTrue(metric.getMessage().contains("unknown metric 'latency'"), metric.getMessage());
        var value = assertThrows(IllegalArgumentException.class, () -> PublishedClaims.parse(header + good.replace(",1420,", ",1400,"), "t.csv"));
        assertTrue(value.getMessage().contains("is not original_value"), value.getMessage());
        var quote = assertThrows(IllegalArgumentException.class, () -> PublishedClaims.parse(header + good.replace("\"1,420\",us", "\"1,430\",us"), "t.csv"));
        assertTrue(quote.getMessage().contains("is not in original_text"), quote.getMessage());
        var dup = assertThrows(IllegalArgumentException.class, () -> PublishedClaims.parse(header + good + good, "t.csv"));
        assertTrue(dup.getMessage().contains("duplicate claim_id"), dup.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PublishedClaims.parse("claim_id,oops\n", "t.csv"));
    }

    @Test
    void the_claims_are_loaded_at_start_into_v_published_claims_and_a_second_start_does_not_duplicate_them() throws Exception {
        int rows = PublishedClaims.read(csv()).size();
        Config config = TestEnv.config(dir);
        for (int start = 1; start <= 2; start++) {
            try (Probelab app = new Probelab(config); var conn = app.store().database().connect(); Statement st = conn.createStatement()) {
                try (ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT source_file), "
                        + "count(*) FILTER (WHERE provenance = 'published claim, not a measurement') FROM v_published_claims")) {
                    rs.next();
                    assertEquals(rows, rs.getLong(1), "start " + start);
                    assertEquals(5, rs.getLong(2));
                    assertEquals(rows, rs.getLong(3), "every row says it is a claim");
                }
                try (ResultSet rs = st.executeQuery("SELECT metric, bool_and(probelab_metric) FROM v_published_claims GROUP BY metric")) {
                    int metrics = 0;
                    while (rs.next()) {
                        metrics++;
                        assertEquals(PublishedClaims.PROBELAB_METRICS.containsKey(rs.getString(1)), rs.getBoolean(2),
                                "the view's probelab_metric agrees with the loader for " + rs.getString(1));
                    }
                    assertTrue(metrics > 1, "claims of several metrics: " + metrics);
                }
                try (ResultSet rs = st.executeQuery("SELECT value, unit FROM v_published_claims "
                        + "WHERE runtime = 'colima' AND metric = 'cold_start_ms'")) {
                    assertTrue(rs.next());
                    assertEquals(310.0, rs.getDouble(1));
                    assertEquals("ms", rs.getString(2));
                    assertFalse(rs.next());
                }
            }
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
