package probelab.report;

import probelab.analysis.LatencyHistograms;
import probelab.storage.report.ReportQueries;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Each run's latency histograms, decoded and merged once into their sparse form. Decoding is the costly part of
 * the RTT cell (tens of thousands of compressed blobs for a large database); a finished run never changes, so its
 * merged form is kept, up to {@code capacity} runs, and concurrent page views wait for one read instead of each
 * decoding the same runs. Runs still measuring are re-read every time.
 */
public final class HistogramCache {
    private final Function<List<String>, Map<String, List<byte[]>>> reader;
    private final ResultCache<String, LatencyHistograms.Sparse> finished;

    public HistogramCache(ReportQueries queries, int capacity) {
        this(queries::histogramsByRun, capacity);
    }

    /** {@code reader}: the compressed histograms of each run id asked for (runs without any may be left out). */
    public HistogramCache(Function<List<String>, Map<String, List<byte[]>>> reader, int capacity) {
        this.reader = reader;
        this.finished = new ResultCache<>(capacity);
    }

    /** The sparse merged histogram of each run, in the order given; empty for a run without histograms. */
    public Map<ReportQueries.RunRef, LatencyHistograms.Sparse> of(List<ReportQueries.RunRef> runs) {
        List<String> done = new ArrayList<>(), measuring = new ArrayList<>();
        for (ReportQueries.RunRef r : runs) (r.finished() ? done : measuring).add(r.runId());
        Map<String, LatencyHistograms.Sparse> byRun = new HashMap<>(finished.getAll(done, ids -> read(List.copyOf(ids))));
        if (!measuring.isEmpty()) byRun.putAll(read(measuring));
        Map<ReportQueries.RunRef, LatencyHistograms.Sparse> out = new LinkedHashMap<>();
        for (ReportQueries.RunRef r : runs) out.put(r, byRun.getOrDefault(r.runId(), LatencyHistograms.Sparse.EMPTY));
        return out;
    }

    /** How many finished runs are kept. */
    public long size() {
        return finished.size();
    }

    private Map<String, LatencyHistograms.Sparse> read(List<String> runIds) {
        Map<String, LatencyHistograms.Sparse> out = new HashMap<>();
        for (var e : reader.apply(runIds).entrySet()) out.put(e.getKey(), LatencyHistograms.sparseOf(e.getValue()));
        return out;
    }
}
