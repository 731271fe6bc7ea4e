package probelab.probe;

/** Hears about a job's progress: a bar on a terminal, a line in a log, a web page polling. */
public interface ProgressListener {
    /** {@code done} of {@code total} steps are finished; {@code what} says which step runs now. */
    void step(long done, long total, String what);

    /**
     * As {@link #step(long, long, String)}, with the time likely left. Under adaptive sampling {@code total} and
     * {@code estimatedMillisLeft} are estimates that change as samples arrive (capped by the job's budget).
     */
    default void step(long done, long total, String what, long estimatedMillisLeft) {
        step(done, total, what);
    }

    /** A line worth showing a person: a failure reason, a phase starting. */
    void log(String line);

    ProgressListener NONE = new ProgressListener() {
        @Override
        public void step(long done, long total, String what) {
        }

        @Override
        public void log(String line) {
        }
    };
}
