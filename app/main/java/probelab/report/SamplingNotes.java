package probelab.report;

import probelab.storage.report.SamplingReads;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How far sampling got, in one note per cell: per runtime the iterations, why its tasks stopped and the widest
 * interval against the target, so "stopped by the budget at n=10, ±17%" is never mistaken for a settled figure.
 */
final class SamplingNotes {
    private SamplingNotes() {
    }

    static List<String> of(String family, List<SamplingReads.TaskOutcome> outcomes) {
        Map<String, List<SamplingReads.TaskOutcome>> byRuntime = new LinkedHashMap<>();
        for (SamplingReads.TaskOutcome o : outcomes) {
            if (o.measures(family)) byRuntime.computeIfAbsent(o.runtime(), k -> new ArrayList<>()).add(o);
        }
        if (byRuntime.isEmpty()) return List.of();
        List<String> parts = new ArrayList<>();
        byRuntime.forEach((runtime, os) -> parts.add(runtime + " " + part(os)));
        return List.of("How far sampling got: " + String.join("; ", parts) + ".");
    }

    private static String part(List<SamplingReads.TaskOutcome> os) {
        int min = os.stream().mapToInt(SamplingReads.TaskOutcome::iterations).min().orElse(0);
        int max = os.stream().mapToInt(SamplingReads.TaskOutcome::iterations).max().orElse(0);
        String n = (min == max ? Integer.toString(min) : min + "–" + max) + (max == 1 ? " iteration" : " iterations")
                + (os.size() > 1 ? " in " + os.size() + " runs" : "");
        Map<String, Integer> reasons = new LinkedHashMap<>();
        os.forEach(o -> reasons.merge(reason(o.stopReason()), 1, Integer::sum));
        List<String> why = new ArrayList<>();
        reasons.forEach((r, c) -> why.add(os.size() > 1 ? r + " ×" + c : r));
        SamplingReads.TaskOutcome widest = null;
        for (SamplingReads.TaskOutcome o : os) {
            if (o.halfWidthPct() != null && (widest == null || o.halfWidthPct() > widest.halfWidthPct())) widest = o;
        }
        String spread = widest == null ? ", no interval yet"
                : String.format(Locale.ROOT, ", widest interval ±%.1f%% (%s)%s", widest.halfWidthPct(), widest.widestSeries(),
                widest.targetPct() == null ? "" : String.format(Locale.ROOT, " against ±%.0f%% asked", widest.targetPct()));
        return n + ", " + String.join(", ", why) + spread;
    }

    private static String reason(String stop) {
        return switch (stop) {
            case "precision" -> "precise enough";
            case "max_runs" -> "stopped at max runs";
            case "repeat" -> "fixed count";
            case "budget" -> "stopped by the budget";
            case "cancelled" -> "cancelled";
            case "unusable" -> "could not measure";
            case "failing" -> "stopped: no value in its first iterations";
            case "job_failed" -> "job failed";
            default -> stop;
        };
    }
}
