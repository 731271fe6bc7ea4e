package probelab.web.overview;

import probelab.analysis.LatencyHistograms;
import probelab.storage.ReportQueries;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each run's latency histograms, decoded and merged once into their sparse form. Decoding is the costly part of
 * the RTT cell (tens of thousands of compressed blobs for a large database); a finished run never changes, so its
 * merged form is kept, up to {@code capacity} runs, least recently used first out. Runs still measuring are
 * re-read every time.
 */
public final class HistogramCache {
    private final ReportQueries queries;
    private final int capacity;
    private final LinkedHashMap<String, LatencyHistograms.Sparse> byRun;

    public HistogramCache(ReportQueries queries, int capacity) {
        this.queries = queries;
        this.capacity = capacity;
        this.byRun = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, LatencyHistograms.Sparse> eldest) {
                return size() > HistogramCache.this.capacity;
            }
        };
    }

    /** The sparse merged histogram of each run, in the order given. */
    public Map<ReportQueries.RunRef, LatencyHistograms.Sparse> of(List<ReportQueries.RunRef> runs) {
        Map<ReportQueries.RunRef, LatencyHistograms.Sparse> out = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        synchronized (byRun) {
            for (ReportQueries.RunRef r : runs) {
                LatencyHistograms.Sparse s = r.finished() ? byRun.get(r.runId()) : null;
                if (s == null) missing.add(r.runId());
            }
        }
        Map<String, LatencyHistograms.Sparse> loaded = new HashMap<>();
        if (!missing.isEmpty()) {
            for (var e : queries.histogramsByRun(missing).entrySet()) {
                loaded.put(e.getKey(), LatencyHistograms.sparseOf(e.getValue()));
            }
        }
        synchronized (byRun) {
            for (ReportQueries.RunRef r : runs) {
                LatencyHistograms.Sparse s = loaded.get(r.runId());
                if (s != null) {
                    if (r.finished()) byRun.put(r.runId(), s);
                } else {
                    s = byRun.getOrDefault(r.runId(), LatencyHistograms.Sparse.EMPTY);
                }
                out.put(r, s);
            }
        }
        return out;
    }

    public int size() {
        synchronized (byRun) {
            return byRun.size();
        }
    }
}
