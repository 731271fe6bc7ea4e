package probelab;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes when each test class and test ran, on which thread (target/test-timeline.tsv), because Surefire's reports
 * hold no timestamps and attribute test cases to the wrong class when classes run concurrently: the suite's length is
 * decided by which classes overlap, which only a timeline shows.
 */
public final class TestTimeline implements TestExecutionListener {
    private final long originNanos = System.nanoTime();
    private final Map<String, long[]> started = new ConcurrentHashMap<>();
    private final List<String> rows = java.util.Collections.synchronizedList(new ArrayList<>());

    @Override
    public void executionStarted(TestIdentifier id) {
        started.put(id.getUniqueId(), new long[] {System.nanoTime()});
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        long[] start = started.remove(id.getUniqueId());
        if (start == null || id.getSource().isEmpty()) return;
        String what;
        if (id.getSource().get() instanceof ClassSource c) {
            what = c.getJavaClass().getSimpleName();
        } else if (id.getSource().get() instanceof MethodSource m) {
            what = m.getJavaClass().getSimpleName() + "#" + id.getDisplayName();
        } else {
            return;
        }
        rows.add(String.format(java.util.Locale.ROOT, "%.1f\t%.1f\t%s\t%s\t%s\t%s", (start[0] - originNanos) / 1e9,
                (System.nanoTime() - start[0]) / 1e9, id.isContainer() ? "class" : "test", Thread.currentThread().getName(),
                result.getStatus(), what));
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        List<String> lines = new ArrayList<>();
        lines.add("start_s\tseconds\tkind\tthread\tstatus\twhat");
        synchronized (rows) {
            lines.addAll(rows);
        }
        lines.sort(java.util.Comparator.comparingDouble(l -> l.startsWith("start") ? -1 : Double.parseDouble(l.split("\t")[0])));
        try {
            Path out = TestEnv.root().resolve("target").resolve("test-timeline.tsv");
            Files.createDirectories(out.getParent());
            Files.write(out, lines);
        } catch (IOException | RuntimeException e) {
            System.err.println("test timeline not written: " + e);
        }
    }
}
