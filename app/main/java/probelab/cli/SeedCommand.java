package probelab.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import probelab.Config;
import probelab.OpenDatabase;
import probelab.seed.SyntheticJobs;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;

/** Fills a database with realistic synthetic jobs, for benchmarks and demos; every job is marked synthetic. */
@Command(name = "seed", description = "Write realistic synthetic samples through the store (for benchmarks; jobs are marked synthetic).")
public final class SeedCommand implements Callable<Integer> {
    @Mixin
    DbOption db;

    @Option(names = "--samples", defaultValue = "1000000", description = "about how many samples to write (default 1000000)")
    long samples;

    @Option(names = "--repeat", defaultValue = "10", description = "iterations per cell (default 10)")
    int repeat;

    @Option(names = "--seed", defaultValue = "42", description = "random seed (default 42)")
    long seed;

    @Override
    public Integer call() {
        if (samples < 1 || repeat < 1) throw new IllegalArgumentException("--samples and --repeat must be at least 1");
        Config config = Config.fromEnvironment(db.db);
        long started = System.nanoTime();
        try (OpenDatabase data = new OpenDatabase(config, OpenDatabase.Mode.CREATE)) {
            var jobs = new SyntheticJobs(data.store(), seed);
            // one job a day, ending today, so date filters have something to select
            SyntheticJobs.Shape shape = SyntheticJobs.Shape.full(repeat);
            long perJob = 100L * repeat * 23;
            long jobCount = Math.max(1, samples / perJob);
            Instant first = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(jobCount));
            var written = jobs.write(samples, shape, first, Duration.ofDays(1), System.out::println);
            System.out.printf("wrote %d samples, %d histograms in %d jobs to %s in %.1f s%n", written.samples(),
                    written.histograms(), written.jobIds().size(), config.dbFile(), (System.nanoTime() - started) / 1e9);
        }
        return 0;
    }
}
