package probelab.jobs;

import probelab.probe.JobRequest;
import probelab.probe.JobRunner;
import probelab.probe.Plan;
import probelab.probe.ProgressListener;
import probelab.storage.samples.JobRow;
import probelab.storage.samples.SampleStore;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Runs probe jobs one at a time on a background thread, in the order they were submitted: measuring two jobs at
 * once would make each disturb the other's figures. Submitting plans the job at once (the same checks and messages as
 * the CLI, through {@link JobRunner#plan}), then records and queues it; each job's progress and last log lines are
 * kept for polling.
 */
public final class JobService implements AutoCloseable {
    private static final int LOG_LINES = 40;
    private static final int KEPT_FINISHED = 200;

    private final JobRunner runner;
    private final SampleStore store;
    private final Function<String, String> reportUrl;
    private final ExecutorService executor;
    private final Map<String, Tracked> tracked = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    /**
     * @param reportUrl the link to a job's report, as the caller's URL scheme makes it (the web's report path)
     */
    public JobService(JobRunner runner, SampleStore store, Function<String, String> reportUrl) {
        this.reportUrl = reportUrl;
        this.runner = runner;
        this.store = store;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "probelab-jobs");
            t.setDaemon(true);
            return t;
        });
    }

    /** Plans, records and queues a job; a refused request throws (with the valid names) before anything is written. */
    public JobStatus submit(JobRequest request) {
        Plan plan = runner.plan(request);
        runner.queue(plan);
        Tracked t = new Tracked(plan, sequence.incrementAndGet());
        tracked.put(plan.jobId(), t);
        prune();
        executor.submit(() -> runTracked(t));
        return status(plan.jobId());
    }

    private void runTracked(Tracked t) {
        if (t.control.cancelled()) {
            t.finish(SampleStore.JOB_CANCELLED);
            store.markJobFinished(t.plan.jobId(), SampleStore.JOB_CANCELLED, "cancelled before it started");
            return;
        }
        t.start();
        String status;
        try {
            status = runner.run(t.plan, t, t.control);
        } catch (RuntimeException e) {
            // run() records its own failures; this is the store itself failing (a full disk), which cannot record
            // this one: the job's status says it
            t.log("job failed: " + e.getMessage());
            t.failure = e.getMessage();
            status = SampleStore.JOB_FAILED;
        }
        t.finish(status);
    }

    public JobStatus status(String id) {
        Tracked t = tracked.get(id);
        Optional<JobRow> row = store.job(id);
        if (t == null && row.isEmpty()) throw new UnknownJobException(id);
        if (t == null) return fromRow(row.get());
        return t.snapshot(row.orElse(null), queuePosition(t), reportUrl.apply(id));
    }

    /** Asks a job to stop: a queued job never starts, a running one stops after its current measurement. */
    public JobStatus cancel(String id) {
        Tracked t = tracked.get(id);
        if (t == null) {
            if (store.job(id).isEmpty()) throw new UnknownJobException(id);
            return status(id); // finished in another process: nothing to cancel
        }
        t.control.cancel();
        t.log("cancel requested");
        return status(id);
    }

    /** Jobs this process knows of that are queued or running, oldest first. */
    public List<JobStatus> active() {
        List<JobStatus> out = new ArrayList<>();
        tracked.values().stream().filter(Tracked::active).sorted(Comparator.comparingLong(t -> t.seq))
                .forEach(t -> out.add(status(t.plan.jobId())));
        return out;
    }

    /** The running job, if any. */
    public Optional<JobStatus> running() {
        return tracked.values().stream().filter(t -> t.state.equals(SampleStore.JOB_RUNNING)).findFirst()
                .map(t -> status(t.plan.jobId()));
    }

    private int queuePosition(Tracked t) {
        if (!t.state.equals(SampleStore.JOB_QUEUED)) return 0;
        return (int) tracked.values().stream().filter(o -> o.state.equals(SampleStore.JOB_QUEUED) && o.seq <= t.seq).count();
    }

    private void prune() {
        List<Tracked> finished = tracked.values().stream().filter(t -> !t.active())
                .sorted(Comparator.comparingLong(t -> t.seq)).toList();
        for (int i = 0; i < finished.size() - KEPT_FINISHED; i++) tracked.remove(finished.get(i).plan.jobId());
    }

    JobStatus fromRow(JobRow r) {
        boolean finished = r.finishedAt() != null;
        return new JobStatus(r.jobId(), r.status(), 0, 0, finished ? 100 : 0, null, "", List.of(), 0, r.createdAt(),
                r.startedAt(), r.finishedAt(), r.message(), r.okSamples(), r.failedSamples(), r.specJson(),
                reportUrl.apply(r.jobId()));
    }

    @Override
    public void close() {
        tracked.values().forEach(t -> t.control.cancel());
        executor.shutdown();
        try {
            // a cancelled job stops after its current measurement; give it that long, then interrupt
            if (!executor.awaitTermination(20, TimeUnit.SECONDS)) executor.shutdownNow();
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** One job this process submitted: its plan, its control, and what it has reported. */
    private static final class Tracked implements ProgressListener {
        final Plan plan;
        final long seq;
        final JobRunner.Control control = new JobRunner.Control();
        private final Deque<String> lines = new ArrayDeque<>();
        volatile String state = SampleStore.JOB_QUEUED;
        volatile long done;
        volatile long total;
        /** Negative until the runner has given an estimate. */
        volatile long millisLeft = -1;
        /** The bar never goes back, though an adaptive job's estimated total may grow as its samples come in. */
        private int shownPercent;
        volatile String step = "waiting for the jobs before it";
        volatile Instant startedAt;
        volatile Instant finishedAt;
        /** Why the job failed where the database could not record it, or null. */
        volatile String failure;

        Tracked(Plan plan, long seq) {
            this.plan = plan;
            this.seq = seq;
            this.total = plan.estimatedSteps();
        }

        boolean active() {
            return state.equals(SampleStore.JOB_QUEUED) || state.equals(SampleStore.JOB_RUNNING);
        }

        void start() {
            startedAt = Instant.now();
            step = "preparing";
            state = SampleStore.JOB_RUNNING;
        }

        void finish(String status) {
            finishedAt = Instant.now();
            if (status.equals(SampleStore.JOB_COMPLETED)) done = total;
            millisLeft = -1;
            step = status;
            state = status;
        }

        @Override
        public void step(long done, long total, String what) {
            this.done = done;
            this.total = total;
            this.step = what;
        }

        @Override
        public void step(long done, long total, String what, long estimatedMillisLeft) {
            step(done, total, what);
            this.millisLeft = estimatedMillisLeft;
        }

        @Override
        public void log(String line) {
            synchronized (lines) {
                lines.addLast(line);
                while (lines.size() > LOG_LINES) lines.removeFirst();
            }
        }

        JobStatus snapshot(JobRow row, int queuePosition, String reportUrl) {
            List<String> log;
            synchronized (lines) {
                log = List.copyOf(lines);
            }
            long d = done, t = total;
            int percent;
            synchronized (this) {
                shownPercent = Math.max(shownPercent, t == 0 ? 0 : (int) Math.min(100, d * 100 / t));
                percent = shownPercent;
            }
            String st = state;
            long left = millisLeft;
            Long estimatedMillisLeft = left >= 0 && st.equals(SampleStore.JOB_RUNNING) ? left : null;
            return new JobStatus(plan.jobId(), st, d, t, percent, estimatedMillisLeft, step, log, queuePosition,
                    row == null ? null : row.createdAt(), startedAt, finishedAt,
                    failure != null ? failure : row == null ? null : row.message(), row == null ? 0 : row.okSamples(),
                    row == null ? 0 : row.failedSamples(), row == null ? "" : row.specJson(), reportUrl);
        }
    }
}
