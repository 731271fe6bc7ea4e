package probelab.storage.report;

import probelab.storage.db.Database;
import probelab.storage.samples.SampleStore;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import probelab.seed.SyntheticJobs;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportQueriesTest {
    @TempDir
    static Path dir;
    static Database db;
    static ReportQueries queries;
    static final Instant AT = Instant.parse("2025-03-01T12:00:00Z");

    @BeforeAll
    static void seed() {
        db = Database.open(dir.resolve("t.duckdb"));
        new SyntheticJobs(new SampleStore(db), 3).writeJob(new SyntheticJobs.Shape(List.of("native", "docker"),
                List.of("1.22.12", "1.23.5"), List.of("tiny"), 6), AT);
        queries = new ReportQueries(db);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    static SampleFilter runtimes(String... ids) {
        return new SampleFilter(List.of(ids), List.of(), List.of(), null, null, null);
    }

    @Test
    void known_values_come_from_the_runs_with_go_versions_by_minor() {
        var known = queries.known();
        assertEquals(List.of("docker", "native"), known.runtimes());
        assertEquals(List.of("1.22", "1.23"), known.goMinors());
        assertEquals(List.of("tiny"), known.sizes());
    }

    @Test
    void values_come_back_grouped_and_sorted_per_runtime_and_go() {
        var groups = queries.valueGroups(runtimes("docker"), List.of("cold_start_ms"), false, null);
        assertEquals(2, groups.items().size(), "docker x two Go versions");
        for (var g : groups.items()) {
            assertEquals("docker", g.runtime());
            assertTrue(g.sortedValues().length >= 2, "values enough to be out of order: " + g.sortedValues().length);
            for (int i = 1; i < g.sortedValues().length; i++) assertTrue(g.sortedValues()[i] >= g.sortedValues()[i - 1]);
        }
        assertFalse(groups.truncated());
    }

    @Test
    void filter_values_are_bind_parameters_so_sql_in_them_matches_nothing() {
        var groups = queries.valueGroups(runtimes("native' OR '1'='1"), List.of("cold_start_ms"), false, null);
        assertTrue(groups.items().isEmpty());
        var go = new SampleFilter(List.of(), List.of("1.22') OR true --"), List.of(), null, null, null);
        assertEquals(0, queries.totals(go).okSamples());
    }

    @Test
    void a_date_range_selects_runs_by_the_day_they_started() {
        LocalDate day = AT.atZone(ZoneOffset.UTC).toLocalDate();
        var that = new SampleFilter(List.of(), List.of(), List.of(), null, day, day);
        var next = new SampleFilter(List.of(), List.of(), List.of(), null, day.plusDays(1), null);
        assertTrue(queries.totals(that).okSamples() > 0);
        assertEquals(0, queries.totals(next).okSamples());
    }

    @Test
    void build_phases_can_be_selected_across_cache_modes() {
        var cold = queries.valueGroups(runtimes("docker"), List.of("build_ms"), true, "cold");
        assertTrue(cold.items().stream().allMatch(g -> g.variant().startsWith("cold")));
        assertEquals(3 * 2, cold.items().size(), "none, volume and bind for two Go versions");
    }

    @Test
    void every_histogram_of_the_selected_runs_can_be_read() {
        var runs = queries.runsWithHistograms(runtimes("native"));
        assertEquals(2, runs.items().size());
        var blobs = queries.histogramsByRun(runs.items().stream().map(ReportQueries.RunRef::runId).toList());
        assertTrue(blobs.values().stream().allMatch(l -> l.size() >= 5), "one per stored iteration (some may have failed)");
    }
}
