package probelab.report;

import com.fasterxml.jackson.annotation.JsonValue;
import probelab.catalog.Metric;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the runtime x Go heatmap can show, generated from the metric catalog: every metric, and for a metric with
 * phases (build: cold, warm, incremental) each phase on its own, its cache modes pooled.
 *
 * @param phase the phase whose variants are pooled, or null for a metric without phases
 */
public record HeatMetric(Metric metric, String phase) {
    public static final HeatMetric DEFAULT = new HeatMetric(Metric.RTT_P50_US, null);

    /** Every choice, in catalog order. */
    /**
     * The heatmap's metric when none is chosen: RTT, unless the metric filter leaves RTT out; then the first metric of
     * a selected family, so the heatmap follows the filter.
     */
    public static HeatMetric defaultFor(List<String> families) {
        if (families.isEmpty() || families.contains(DEFAULT.metric().family().id())) return DEFAULT;
        return all().stream().filter(h -> families.contains(h.metric().family().id())).findFirst().orElse(DEFAULT);
    }

    public static List<HeatMetric> all() {
        List<HeatMetric> out = new ArrayList<>();
        for (Metric m : Metric.all()) {
            if (m.phases().isEmpty()) out.add(new HeatMetric(m, null));
            else for (String p : m.phases()) out.add(new HeatMetric(m, p));
        }
        return out;
    }

    /** As the URL says it, e.g. {@code rtt_p50} or {@code build_warm}. */
    @JsonValue
    public String id() {
        return metric.shortId() + (phase == null ? "" : "_" + phase);
    }

    /** The stored metric name. */
    public String metricId() {
        return metric.id();
    }

    public String label() {
        String name = metric.displayName();
        String capitalised = name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
        return phase == null ? capitalised : capitalised + " (" + phase + ")";
    }

    public String unit() {
        return metric.unit().symbol();
    }

    public static List<String> ids() {
        return all().stream().map(HeatMetric::id).toList();
    }

    /** Null when {@code id} is unknown. */
    public static HeatMetric find(String id) {
        for (HeatMetric h : all()) {
            if (h.id().equals(id)) return h;
        }
        return null;
    }
}
