package probelab.storage.samples;

import java.time.Instant;

/** A job as stored, with its sample counts. */
public record JobRow(String jobId, String specJson, String status, Instant createdAt, Instant startedAt,
                     Instant finishedAt, String message, long okSamples, long failedSamples) {
}
