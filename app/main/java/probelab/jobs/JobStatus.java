package probelab.jobs;

import java.time.Instant;
import java.util.List;

/**
 * A job as pages poll it and {@code GET /api/jobs/{id}} returns it. {@code done}/{@code total} count iterations
 * (0/0 when this process did not run the job); with adaptive sampling {@code total} and {@code estimatedMillisLeft}
 * are estimates that follow the samples, capped by the budget, and {@code estimatedMillisLeft} is null when there is
 * none yet or the job has ended; {@code log} holds the last lines worth showing; {@code queuePosition} is 1 for the
 * next job to run, 0 when not queued.
 */
public record JobStatus(String id, String status, long done, long total, int percent, Long estimatedMillisLeft,
                        String step, List<String> log,
                        int queuePosition, Instant createdAt, Instant startedAt, Instant finishedAt, String message,
                        long okSamples, long failedSamples, String specJson, String reportUrl) {
    public boolean active() {
        return status.equals("queued") || status.equals("running");
    }
}
