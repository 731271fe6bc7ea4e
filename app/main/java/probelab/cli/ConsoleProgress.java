package probelab.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import probelab.probe.ProgressListener;

import java.io.PrintStream;

/** A progress bar on a terminal; plain timestamped lines when output is a pipe or a file. */
final class ConsoleProgress implements ProgressListener, AutoCloseable {
    private final PrintStream out;
    private final boolean terminal;
    private ProgressBar bar;
    private String lastWhat = "";

    ConsoleProgress(PrintStream out) {
        this.out = out;
        this.terminal = System.console() != null;
    }

    @Override
    public synchronized void step(long done, long total, String what) {
        step(done, total, what, -1);
    }

    /** Adaptive sampling moves {@code total} as the samples show what they need; the bar follows it. */
    @Override
    public synchronized void step(long done, long total, String what, long estimatedMillisLeft) {
        String left = estimatedMillisLeft > 0 ? " (about " + Math.round(estimatedMillisLeft / 1000.0) + " s left)" : "";
        if (terminal) {
            if (bar == null) {
                bar = new ProgressBarBuilder().setTaskName("probing").setInitialMax(total)
                        .setStyle(ProgressBarStyle.ASCII).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(out))
                        .build();
            }
            bar.maxHint(total);
            bar.stepTo(done);
            bar.setExtraMessage(what + left);
        } else if (!what.equals(lastWhat)) {
            out.printf("[%d/%d] %s%s%n", done, total, what, left);
        }
        lastWhat = what;
    }

    @Override
    public synchronized void log(String line) {
        out.println("  " + line);
    }

    @Override
    public synchronized void close() {
        if (bar != null) bar.close();
    }
}
