package probelab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import probelab.seed.SyntheticJobs;
import probelab.storage.db.Database;
import probelab.storage.samples.SampleStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code export --html FILE}: the report as one self-contained file, from the command line. */
class ReportFileCommandTest {
    @TempDir
    Path dir;

    /** Runs probelab.cli.Main in a child JVM, as ./probelab does. */
    private ChildCli.Outcome run(String... args) throws Exception {
        return ChildCli.run(Duration.ofSeconds(180), args);
    }

    private Path seeded() {
        Path live = dir.resolve("probelab.duckdb");
        try (Database db = Database.open(live)) {
            new SyntheticJobs(new SampleStore(db), 3).writeJob(new SyntheticJobs.Shape(List.of("native", "docker"),
                    List.of("1.23.5"), List.of("tiny"), 10), Instant.parse("2026-01-02T10:00:00Z"));
        }
        return live;
    }

    @Test
    void export_html_writes_the_report_of_the_latest_job_as_one_file_and_exits_0() throws Exception {
        Path live = seeded();
        Path file = dir.resolve("out").resolve("report.html");
        var out = run("export", "--db", live.toString(), "--html", file.toString(), "--runtime", "native,docker", "--metric", "rtt,build");
        assertEquals(0, out.exit(), out.output());
        assertTrue(out.output().contains("wrote the report of job ") && out.output().contains(file.toString()), out.output());
        String html = Files.readString(file);
        assertTrue(html.startsWith("<!doctype html>") && html.contains("id=\"probelab-data\"") && html.contains("Plotly"));
        assertTrue(html.contains("\"families\":[\"rtt\",\"build\"]"), "the file holds the families asked for");
        System.out.printf("export --html of a 2-runtime synthetic job: %,d bytes%n", Files.size(file));
        assertTrue(Files.size(file) < 5L * 1024 * 1024);
    }

    @Test
    void bad_filters_exit_2_with_one_clear_line_and_write_nothing() throws Exception {
        Path live = seeded();
        Path file = dir.resolve("r.html");
        var runtime = run("export", "--db", live.toString(), "--html", file.toString(), "--runtime", "nosuch");
        assertEquals(2, runtime.exit(), runtime.output());
        assertTrue(runtime.output().contains("probelab: unknown runtime 'nosuch'; valid: "), runtime.output());
        var job = run("export", "--db", live.toString(), "--html", file.toString(), "--job", "nosuchjob");
        assertEquals(2, job.exit(), job.output());
        assertTrue(job.output().contains("unknown job 'nosuchjob'"), job.output());
        var both = run("export", "--db", live.toString(), "--html", file.toString(), "--format", "csv");
        assertEquals(2, both.exit(), both.output());
        assertTrue(both.output().contains("give one output"), both.output());
        var neither = run("export", "--db", live.toString());
        assertEquals(2, neither.exit(), neither.output());
        assertTrue(neither.output().contains("--html FILE"), neither.output());
        assertFalse(runtime.output().contains("Exception"), "no stack trace");
        assertFalse(Files.exists(file), "nothing written");
    }
}
