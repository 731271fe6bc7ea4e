package probelab.cli;

import probelab.storage.SampleStore;

import java.io.PrintStream;
import java.util.List;

/** The table printed after a job: per cell and metric, n ok/failed, median and spread. */
final class SummaryTable {
    private SummaryTable() {
    }

    static void print(List<SampleStore.MetricSummary> rows, PrintStream out) {
        out.printf("%-16s %-8s %-9s %-26s %-18s %5s %5s %14s %14s %14s%n",
                "RUNTIME", "GO", "SIZE", "METRIC", "VARIANT", "OK", "FAIL", "MEDIAN", "MIN", "MAX");
        for (var r : rows) {
            out.printf("%-16s %-8s %-9s %-26s %-18s %5d %5d %14s %14s %14s%n", r.runtime(), r.goVersion(),
                    r.projectSize(), r.metric(), r.variant(), r.okCount(), r.failedCount(),
                    fmt(r.median(), r.unit()), fmt(r.min(), r.unit()), fmt(r.max(), r.unit()));
            if (r.failedCount() > 0 && r.firstError() != null) {
                String e = r.firstError();
                out.println("    failed: " + (e.length() > 160 ? e.substring(0, 160) + "..." : e));
            }
        }
    }

    static String fmt(Double v, String unit) {
        if (v == null) return "-";
        if (unit.equals("bytes")) return String.format("%.1f MiB", v / (1024 * 1024));
        return String.format("%.1f %s", v, unit);
    }
}
